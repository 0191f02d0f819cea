import { useTranslation } from 'react-i18next';
import { NOTE_COLORS } from '../../../shared/board';

export function ColorPicker({ value, onChange }: { value: string; onChange(c: string): void }) {
  const { t } = useTranslation();
  return (
    <div className="color-picker" role="radiogroup" aria-label={t('toolbar.color')}>
      {NOTE_COLORS.map((c, i) => (
        <button
          key={c}
          type="button"
          role="radio"
          aria-checked={value === c}
          aria-label={t(`colors.${i}`)}
          className={`swatch${value === c ? ' active' : ''}`}
          style={{ background: c }}
          data-testid={`color-${c.slice(1)}`}
          onClick={() => onChange(c)}
        />
      ))}
    </div>
  );
}
