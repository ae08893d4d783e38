import type { Language, Theme } from '../../../shared/api.js';
import { useI18n } from '../../i18n/I18nContext.js';

export interface PreferenceControlsProps {
  language: Language;
  theme: Theme;
  onLanguage: (language: Language) => void;
  onTheme: (theme: Theme) => void;
}

/** Language and theme selects (native selects: keyboard and screen readers get them for free). */
export function PreferenceControls({ language, theme, onLanguage, onTheme }: PreferenceControlsProps) {
  const { t } = useI18n();
  return (
    <div className="prefs">
      <span className="prefs-glyph" aria-hidden="true">
        文A
      </span>
      <select className="select" aria-label={t('language')} title={t('language')} value={language} onChange={(e) => onLanguage(e.target.value as Language)}>
        <option value="system">{t('languageSystem')}</option>
        <option value="en">English</option>
        <option value="zh-CN">简体中文</option>
      </select>
      <span className="prefs-glyph" aria-hidden="true">
        ◐
      </span>
      <select className="select" aria-label={t('theme')} title={t('theme')} value={theme} onChange={(e) => onTheme(e.target.value as Theme)}>
        <option value="system">{t('themeSystem')}</option>
        <option value="light">{t('themeLight')}</option>
        <option value="dark">{t('themeDark')}</option>
      </select>
    </div>
  );
}
