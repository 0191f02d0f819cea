import i18n from '../i18n';

// Their own bundle, like the workshop screens' strings, so the shared language files stay as they are.
i18n.addResourceBundle('ja', 'translation', { route: { loading: '読み込み中…' } }, true, false);
i18n.addResourceBundle('en', 'translation', { route: { loading: 'Loading…' } }, true, false);
