/** `{ 'data-testid': id }` for antd prop objects (okButtonProps etc.) whose types do not list data attributes. */
export function testId(id: string): Record<string, string> {
  return { 'data-testid': id };
}
