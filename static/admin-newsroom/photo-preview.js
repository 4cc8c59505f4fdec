// Shows the photo an editor has just chosen, before it is uploaded: nothing leaves the browser.
"use strict";
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.dataset.photoPreview) {
    return;
  }
  const figure = document.getElementById(input.dataset.photoPreview);
  const image = figure && figure.querySelector("img");
  const file = input.files && input.files[0];
  if (!image) {
    return;
  }
  if (!file || !file.type.startsWith("image/")) {
    figure.hidden = true;
    image.removeAttribute("src");
    return;
  }
  const reader = new FileReader();
  reader.addEventListener("load", () => {
    image.src = reader.result;
    figure.hidden = false;
  });
  reader.readAsDataURL(file);
});
