"""The project: settings, URLs and the wiring of the apps; the task queue's app is loaded here."""

from newsroom.task_queue import app as task_queue

__all__ = ["task_queue"]
