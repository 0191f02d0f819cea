import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/board';

/** Asked once per browser. A name is optional: the worksheets promise participants anonymity. */
export function NamePrompt({ initial, onDone }: { initial: string; onDone(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial);
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        data-testid="name-prompt"
        onSubmit={(e) => {
          e.preventDefault();
          onDone(name.trim());
        }}
      >
        <h2>{t('name.title')}</h2>
        <p className="muted">{t('name.hint')}</p>
        <input autoFocus value={name} maxLength={LIMITS.displayNameMax} onChange={(e) => setName(e.target.value)} placeholder={t('name.placeholder')} aria-label={t('name.title')} />
        <div className="modal-actions">
          <button type="button" className="btn" onClick={() => onDone('')} data-testid="name-skip">
            {t('name.anonymous')}
          </button>
          <button type="submit" className="btn primary">
            {t('name.ok')}
          </button>
        </div>
      </form>
    </div>
  );
}
