import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage();
const r = await p.evaluate(async () => {
  const c = document.createElement('canvas'); c.width = 15520; c.height = 2400;
  const ctx = c.getContext('2d'); ctx.fillStyle = '#fff'; ctx.fillRect(0,0,c.width,c.height);
  for (let i = 0; i < 500; i++) { ctx.fillStyle = ['#fff176','#90caf9','#ffab91'][i%3]; const x = (i*331)%15000, y=(i*97)%2200; ctx.fillRect(x,y,320,240); ctx.fillStyle='#222'; ctx.font='32px sans-serif'; ctx.fillText('国の補助対象ではなかった', x+20, y+60); }
  const out = {};
  let t = performance.now();
  const b1 = await new Promise((res) => c.toBlob(res, 'image/png'));
  out.toBlob = performance.now() - t; out.size1 = b1.size;
  t = performance.now();
  const oc = new OffscreenCanvas(c.width, c.height); oc.getContext('2d').drawImage(c, 0, 0);
  const copy = performance.now() - t;
  const b2 = await oc.convertToBlob({ type: 'image/png' });
  out.offscreen = performance.now() - t; out.copy = copy; out.size2 = b2.size;
  t = performance.now();
  const bm = c.transferToImageBitmap ? null : null;
  return out;
});
console.log(r);
await b.close();
