// What each business module is for, shown on its page until the module ships and on the workbench's shortcuts.
// `byRole` holds the narrower meaning a module has for some roles (a resident's 需求清单 is their own 诉求).

export const moduleDescriptions = {
  needs: {
    summary: '汇集居民与社区的需求，分类分级、跟踪办理，形成需求清单。',
    features: ['居民、网格员登记需求，社区党委分类研判', '按类别、紧急程度和办理时限跟踪进度', '社区无法解决的事项一键发起吹哨', '办结后回访居民并记录满意度'],
    byRole: {
      resident: {
        summary: '向社区反映您遇到的问题，随时查看办理进度，办结后评价满意度。',
        features: ['提交诉求并上传照片', '查看受理、派单、办理各环节进度', '办结回访与满意度评价'],
      },
    },
  },
  whistles: {
    summary: '社区吹哨、部门报到：派单、签收、办理、反馈、回访、考评全流程留痕。',
    features: ['社区 → 街道 → 区 逐级吹哨（常规哨、重点哨、疑难哨）', '职能部门限时签收报到，超时自动升级', '办理结果反馈与居民回访', '每件工单的完整处理经过可供审计回放'],
    byRole: {
      department_staff: {
        summary: '派给本部门的吹哨工单：限时签收报到、办理并反馈结果。',
        features: ['待签收工单与剩余时限提醒', '签收报到、联系社区与办理记录', '反馈办理结果，查看回访评价'],
      },
    },
  },
  resources: {
    summary: '共建单位签订共建协议，登记可提供的场地、人员、资金与专业服务。',
    features: ['共建单位与成员单位名录', '资源登记、分类与可用时段', '资源与需求的匹配建议', '单位贡献统计'],
  },
  projects: {
    summary: '联席会议把需求和资源转化为项目，明确责任单位与责任人，形成项目清单和责任清单。',
    features: ['联席会议（轮值主席）议定事项', '项目发布与共建单位认领', '责任分解与进度填报', '上次会议决定事项的落实情况（反馈清单）'],
    byRole: {
      unit_member: {
        summary: '认领联席会议发布的共建项目，按责任清单填报进度。',
        features: ['可认领的项目', '本单位已认领项目与责任人', '进度与成效填报'],
      },
    },
  },
  volunteers: {
    summary: '志愿者与双报到党员注册、参加活动、认领微心愿并累计服务积分。',
    features: ['在职党员到社区双报到', '志愿服务队与活动招募', '居民微心愿发布与认领', '服务积分记录与兑换'],
    byRole: {
      volunteer: {
        summary: '认领居民的微心愿、报名志愿活动，累计服务积分。',
        features: ['可认领的微心愿', '志愿活动报名与签到', '我的服务时长与积分'],
      },
      resident: {
        summary: '发布您的微心愿，由社区党员和志愿者认领帮办。',
        features: ['发布微心愿', '查看认领与完成情况', '为帮办人点赞评价'],
      },
    },
  },
  alerts: {
    summary: '本辖区各地需要有人处理的情况：超时和升级的吹哨、逾期的责任清单任务、逾期未走访的家庭、即将到期的共建协议和等待认领的微心愿。每条提醒由您本人标为已读或确认处理。',
    features: ['按地点和类别汇总，情况加重时重新提醒', '今日摘要：新增、加重与解除', '每条提醒直达对应清单'],
  },
  scores: {
    summary: '按响应率、解决率、满意率考评职能部门办理吹哨工单的表现。',
    features: ['响应率：按时签收并联系', '解决率：回访时已解决', '满意率：回访时居民满意', '考评权重与时限按区配置'],
  },
  audit: {
    summary: '审计与纪检人员查阅任一事项的完整历史，回放到任意时间点，并核验记录未被篡改。',
    features: ['按事项查阅全部事件记录', '回放到任意时间点的状态', '哈希链核验，指出第一条被改动的记录', '导出审计材料'],
  },
};

/** The description of a module as a role sees it. */
export function describe(key, role) {
  const description = moduleDescriptions[key];
  return description ? { ...description, ...(description.byRole?.[role] ?? {}) } : undefined;
}
