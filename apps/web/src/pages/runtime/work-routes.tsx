/** Routes of starting processes, record details and app import/export. */
export function workRoutes() {
  return <></>;
}
