export const canEditKnowledge = ['supervisor', 'admin'] as const;
