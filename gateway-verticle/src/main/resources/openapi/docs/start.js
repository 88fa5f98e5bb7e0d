// The reference reads the document this server serves; its own page allows no inline script.
window.addEventListener('load', () => {
  window.SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    validatorUrl: null,
  });
});
