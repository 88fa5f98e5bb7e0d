// Shows whether this node is ready (its databases, Redis, Kafka and cluster reachable).
(async () => {
  const label = document.getElementById('node-status');
  try {
    const response = await fetch('/ready');
    const body = await response.json();
    label.textContent = body.status;
    label.dataset.state = body.status;
  } catch (e) {
    label.textContent = 'unreachable';
    label.dataset.state = 'unready';
  }
})();
