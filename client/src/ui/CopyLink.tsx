import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyLink({ label, url, testId }: { label: string; url: string; testId: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-link">
      <span className="copy-link-label">{label}</span>
      <input readOnly value={url} data-testid={testId} onFocus={(e) => e.currentTarget.select()} aria-label={label} />
      <button
        type="button"
        className="btn"
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          });
        }}
      >
        {copied ? t('links.copied') : t('links.copy')}
      </button>
    </div>
  );
}
