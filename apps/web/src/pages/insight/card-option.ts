/**
 * The option without its own title (the card around it has one), with room at the top freed.
 * The engine's options are plain JSON, so a shallow copy is enough.
 */
export function inCardOption(option: Record<string, unknown>): Record<string, unknown> {
  const { title: _title, ...rest } = option;
  const grid = rest.grid as Record<string, unknown> | undefined;
  // A category axis reads by its labels; its name at the axis end would be cut off in a narrow panel.
  // ECharts skips labels it guesses would collide; with a handful of categories every one is shown
  // (slanted past six), since a bar nobody can name is no use to the reader.
  const unnamed = (axis: unknown): unknown => {
    if (Array.isArray(axis)) return axis.map(unnamed);
    if (axis && typeof axis === 'object' && (axis as { type?: unknown }).type === 'category') {
      const { name: _name, ...kept } = axis as Record<string, unknown>;
      const count = Array.isArray(kept.data) ? kept.data.length : Infinity;
      if (count > 12) return kept;
      const label = (kept.axisLabel ?? {}) as Record<string, unknown>;
      return { ...kept, axisLabel: { interval: 0, ...(count > 6 ? { rotate: 30 } : {}), ...label } };
    }
    return axis;
  };
  // A funnel fills its box by default and runs into the legend below it.
  const series = Array.isArray(rest.series) ? rest.series.map((entry: Record<string, unknown>) => (entry.type === 'funnel' ? { ...entry, top: 8, bottom: rest.legend ? 64 : 8, minSize: '8%' } : entry)) : rest.series;
  return {
    ...rest,
    series,
    ...(rest.xAxis ? { xAxis: unnamed(rest.xAxis) } : {}),
    ...(rest.yAxis ? { yAxis: unnamed(rest.yAxis) } : {}),
    ...(grid && !Array.isArray(grid) ? { grid: { ...grid, top: 36, right: 24 } } : {}),
  };
}
