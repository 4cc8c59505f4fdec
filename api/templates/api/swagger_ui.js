{# drf-spectacular's swagger_ui.js for an anonymous, read-only API: no credentials to inject and no CSRF token to send (rendering one would set a CSRF cookie for every reader). #}"use strict";
const swaggerSettings = {{ settings|safe }};

const ui = SwaggerUIBundle({
  url: "{{ schema_url|escapejs }}",
  dom_id: "#swagger-ui",
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  ...swaggerSettings,
});
