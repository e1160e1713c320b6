// Shows each service's readiness as the gateway sees it.
for (const item of document.querySelectorAll('#services li')) {
  const state = item.querySelector('.state');
  fetch(`/api/${item.dataset.service}/health/ready`, { cache: 'no-store' })
    .then((response) => {
      state.textContent = response.ok ? '运行正常' : `异常（${response.status}）`;
      state.className = `state ${response.ok ? 'ok' : 'bad'}`;
    })
    .catch(() => {
      state.textContent = '无法连接';
      state.className = 'state bad';
    });
}
