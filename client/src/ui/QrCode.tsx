import { useEffect, useState } from 'react';
import { loadQr } from '../chunks';

/** A QR code for a link, so people in the room can join from their phones. */
export function QrCode({ text, size = 200, label }: { text: string; size?: number; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // The encoder loads with the first code shown: a participant's phone never shows one.
    loadQr()
      .then(({ default: QRCode }) => QRCode.toDataURL(text, { margin: 1, width: size, errorCorrectionLevel: 'M' }))
      .then(
        (url) => live && setSrc(url),
        () => live && setSrc(null),
      );
    return () => {
      live = false;
    };
  }, [text, size]);
  return src ? <img className="qr" src={src} width={size} height={size} alt={label} /> : <div className="qr" style={{ width: size, height: size }} />;
}
