/** Texts of starting processes, record details and app import/export, zh-CN first with en beside it. */
export const workMessages = {
  'zh-CN': {
    'work.placeholder': '办理',
  },
  en: {
    'work.placeholder': 'Work',
  },
} as const;
