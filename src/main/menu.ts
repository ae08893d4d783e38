/**
 * The application menu: File (Open Vault…, Recent Vaults, Re-index), Edit,
 * View, Help (Keyboard Shortcuts, About), in English or Chinese following the
 * language setting ('system' follows the OS locale). Built from a pure
 * template function so tests can read it without Electron.
 */
import type { Language, RecentVault } from '../shared/api.js';
import type { MenuItemConstructorOptions } from './electron-deps.js';

export type MenuLanguage = 'en' | 'zh-CN';

export interface MenuLabels {
  file: string;
  openVault: string;
  recentVaults: string;
  noRecentVaults: string;
  reindex: string;
  quit: string;
  edit: string;
  view: string;
  window: string;
  help: string;
  shortcuts: string;
  about: string;
}

export const MENU_LABELS: Readonly<Record<MenuLanguage, MenuLabels>> = {
  en: {
    file: '&File',
    openVault: 'Open Vault…',
    recentVaults: 'Recent Vaults',
    noRecentVaults: 'No Recent Vaults',
    reindex: 'Re-index',
    quit: 'Quit',
    edit: '&Edit',
    view: '&View',
    window: '&Window',
    help: '&Help',
    shortcuts: 'Keyboard Shortcuts',
    about: 'About Almanac',
  },
  'zh-CN': {
    file: '文件(&F)',
    openVault: '打开资料库…',
    recentVaults: '最近的资料库',
    noRecentVaults: '没有最近的资料库',
    reindex: '重新索引',
    quit: '退出',
    edit: '编辑(&E)',
    view: '视图(&V)',
    window: '窗口(&W)',
    help: '帮助(&H)',
    shortcuts: '键盘快捷键',
    about: '关于 Almanac',
  },
};

/** The menu language for a setting; 'system' follows the OS locale ("zh", "zh-CN", "zh-TW" -> Chinese). */
export function menuLanguage(setting: Language, osLocale: string): MenuLanguage {
  if (setting === 'en' || setting === 'zh-CN') return setting;
  return osLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export interface MenuActions {
  openVault(): void;
  openRecent(path: string): void;
  reindex(): void;
  showShortcuts(): void;
  showAbout(): void;
}

export interface MenuInput {
  language: MenuLanguage;
  recent: readonly RecentVault[];
  actions: MenuActions;
  platform: NodeJS.Platform;
  /** View > Toggle Developer Tools (and its shortcut): development only (`!app.isPackaged`). */
  devTools: boolean;
}

export function buildMenuTemplate({ language, recent, actions, platform, devTools }: MenuInput): MenuItemConstructorOptions[] {
  const t = MENU_LABELS[language];
  const recentItems: MenuItemConstructorOptions[] =
    recent.length === 0
      ? [{ label: t.noRecentVaults, enabled: false }]
      : recent.map((v) => ({ label: `${v.name} — ${v.path}`, click: () => actions.openRecent(v.path) }));
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push(
    {
      label: t.file,
      submenu: [
        { label: t.openVault, accelerator: 'CmdOrCtrl+O', click: () => actions.openVault() },
        { label: t.recentVaults, submenu: recentItems },
        { type: 'separator' },
        { label: t.reindex, accelerator: 'CmdOrCtrl+R', click: () => actions.reindex() },
        ...(platform === 'darwin' ? [] : [{ type: 'separator' } as const, { label: t.quit, role: 'quit' } as const]),
      ],
    },
    { label: t.edit, role: 'editMenu' },
    {
      label: t.view,
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
      ],
    },
    { label: t.window, role: 'windowMenu' },
    {
      label: t.help,
      role: 'help',
      submenu: [
        { label: t.shortcuts, accelerator: 'CmdOrCtrl+/', click: () => actions.showShortcuts() },
        { label: t.about, click: () => actions.showAbout() },
      ],
    },
  );
  return template;
}

/** The text of Help > Keyboard Shortcuts. */
export function shortcutsText(language: MenuLanguage, platform: NodeJS.Platform): string {
  const mod = platform === 'darwin' ? '⌘' : 'Ctrl';
  const rows: [string, string, string][] = [
    [`${mod}+K  /`, 'Focus the search box', '聚焦搜索框'],
    ['↑ / ↓', 'Move through results', '在结果中移动'],
    ['Enter', 'Open the selected digest', '打开所选周报'],
    ['Esc', 'Back to the results', '返回结果'],
    [`${mod}+O`, 'Open a vault', '打开资料库'],
    [`${mod}+R`, 'Re-index the vault', '重新索引'],
    [`${mod}+/`, 'Show this list', '显示此列表'],
  ];
  return rows.map(([keys, en, zh]) => `${keys.padEnd(12)} ${language === 'zh-CN' ? zh : en}`).join('\n');
}
