/** Texts of the customer 360° page, the report designer and dashboards, zh-CN first with en beside it. */
export const insightMessages = {
  'zh-CN': {
    'insight.placeholder': '洞察',
  },
  en: {
    'insight.placeholder': 'Insight',
  },
} as const;
