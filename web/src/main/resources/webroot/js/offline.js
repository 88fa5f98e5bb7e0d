// The offline screen tries again by itself when the browser says the network is back.
window.addEventListener('online', () => location.assign('/'));
