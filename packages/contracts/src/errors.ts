/**
 * Error codes returned as `{ code, message }`. The message is Chinese and names the field, row or
 * rule; `details` may carry per-field findings. HTTP status is fixed per code.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的数据不符合要求' },
  BAD_REQUEST: { status: 400, message: '请求格式错误' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '会话已过期，请重新登录' },
  INVALID_CREDENTIALS: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '连续登录失败次数过多，账户已锁定' },
  ACCOUNT_DISABLED: { status: 403, message: '账户已停用' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '密码已过期或为初始密码，请先修改密码' },
  MFA_REQUIRED: { status: 403, message: '请先完成动态口令验证' },
  MFA_ENROLL_REQUIRED: { status: 403, message: '管理员账户须先绑定动态口令' },
  MFA_INVALID: { status: 401, message: '动态口令错误或已过期' },
  PASSWORD_POLICY: { status: 400, message: '密码不符合安全策略' },
  PASSWORD_WRONG: { status: 400, message: '原密码错误' },
  CSRF_FAILED: { status: 403, message: '请求校验失败（CSRF令牌缺失或无效），请刷新页面后重试' },
  FORBIDDEN: { status: 403, message: '没有执行此操作的权限' },
  OUT_OF_SCOPE: { status: 403, message: '超出数据范围' },
  NOT_FOUND: { status: 404, message: '资源不存在' },
  CONFLICT: { status: 409, message: '数据冲突' },
  RULE_VIOLATION: { status: 409, message: '违反机构编制规则' },
  STATE_CONFLICT: { status: 409, message: '当前状态不允许此操作' },
  USERNAME_TAKEN: { status: 409, message: '用户名已存在' },
  ROLE_CONFLICT: {
    status: 409,
    message: '三员分立：系统管理员、安全管理员、审计管理员不得兼任，管理员也不得兼任业务角色',
  },
  FILE_TOO_LARGE: { status: 413, message: '文件超过大小限制' },
  FILE_TYPE: { status: 415, message: '文件类型不被接受' },
  FILE_MALFORMED: { status: 422, message: '文件已损坏或格式不正确' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误' },
  NOT_READY: { status: 503, message: '服务尚未就绪' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
