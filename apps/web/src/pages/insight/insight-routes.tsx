/** Routes of the customer 360° page, the report designer and dashboards. */
export function insightRoutes() {
  return <></>;
}
