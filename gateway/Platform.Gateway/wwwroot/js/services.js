// The four domain services behind the gateway, each reachable under /api/<name>/.

// A service whose module is not built yet (shipped: false) answers its probes, but does none of its work: the console
// says so rather than calling it "running".
export const services = [
  { name: 'needs', title: '需求服务', covers: '需求清单 · 吹哨报到 · 反馈清单', shipped: true },
  { name: 'resources', title: '资源服务', covers: '资源清单 · 共建单位 · 共建协议 · 贡献台账', shipped: true },
  { name: 'projects', title: '项目服务', covers: '项目清单 · 责任清单 · 联席会议 · 反馈清单', shipped: true },
  { name: 'volunteers', title: '志愿服务', covers: '志愿者 · 双报到 · 积分 · 微心愿 · 三色管理', shipped: true },
];

/** Whether a service answers its readiness probe through the gateway: 'ok', 'down' (with status) or 'unreachable'. */
export async function readiness(service) {
  try {
    const response = await fetch(`/api/${service.name}/health/ready`, { cache: 'no-store' });
    return response.ok ? { state: 'ok' } : { state: 'down', status: response.status };
  } catch {
    return { state: 'unreachable' };
  }
}
