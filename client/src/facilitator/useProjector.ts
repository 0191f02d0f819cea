import { useCallback, useEffect, useState } from 'react';

/**
 * Projector mode: the browser's full screen (when it allows it), large type, no editing chrome.
 * Leaving full screen (Esc) leaves the mode too, so nobody is stuck in it.
 */
export function useProjector(): { on: boolean; enter(): void; exit(): void } {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setOn(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const enter = useCallback(() => {
    setOn(true);
    // Full screen needs a user gesture and may be refused (iframes, kiosk browsers): the mode works without it.
    void document.documentElement.requestFullscreen?.().catch(() => {});
  }, []);
  const exit = useCallback(() => {
    setOn(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  }, []);
  return { on, enter, exit };
}
