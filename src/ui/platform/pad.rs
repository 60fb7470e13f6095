//! The signature pad's canvas: strokes drawn from pointer events (a finger, a stylus or a
//! mouse alike), cleared, and encoded as PNG bytes; and the browser's print dialog.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function pad_start(canvas, ev) {
  if (ev.target && ev.target.setPointerCapture) {
    try { ev.target.setPointerCapture(ev.pointerId); } catch (e) {}
  }
  return pad_point(canvas, ev);
}
export function pad_point(canvas, ev) {
  const r = canvas.getBoundingClientRect();
  const x = (ev.clientX - r.left) * canvas.width / (r.width || 1);
  const y = (ev.clientY - r.top) * canvas.height / (r.height || 1);
  return [x, y];
}
export function pad_line(canvas, x0, y0, x1, y1) {
  const g = canvas.getContext('2d');
  if (!g) return false;
  g.strokeStyle = '#111';
  g.lineWidth = 4;
  g.lineCap = 'round';
  g.lineJoin = 'round';
  g.beginPath();
  g.moveTo(x0, y0);
  g.lineTo(x1, y1);
  g.stroke();
  return true;
}
export function pad_clear(canvas) {
  const g = canvas.getContext('2d');
  if (g) g.clearRect(0, 0, canvas.width, canvas.height);
}
export function pad_png(canvas) {
  return new Promise((resolve) =>
    canvas.toBlob(async (blob) => {
      if (!blob) { resolve(null); return; }
      resolve(new Uint8Array(await blob.arrayBuffer()));
    }, 'image/png'),
  );
}
export function print_page() {
  try { window.print(); return true; } catch (e) { return false; }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = pad_start)]
    fn pad_start_js(canvas: &web_sys::HtmlCanvasElement, ev: &web_sys::Event) -> Vec<f64>;
    #[wasm_bindgen(js_name = pad_point)]
    fn pad_point_js(canvas: &web_sys::HtmlCanvasElement, ev: &web_sys::Event) -> Vec<f64>;
    #[wasm_bindgen(js_name = pad_line)]
    fn pad_line_js(canvas: &web_sys::HtmlCanvasElement, x0: f64, y0: f64, x1: f64, y1: f64)
    -> bool;
    #[wasm_bindgen(js_name = pad_clear)]
    fn pad_clear_js(canvas: &web_sys::HtmlCanvasElement);
    #[wasm_bindgen(js_name = pad_png)]
    async fn pad_png_js(canvas: &web_sys::HtmlCanvasElement) -> JsValue;
    #[wasm_bindgen(js_name = print_page)]
    fn print_page_js() -> bool;
}

/// The pad's canvas.
pub type PadCanvas = web_sys::HtmlCanvasElement;

/// A point of the canvas, in its own pixels.
pub type Point = (f64, f64);

fn point(v: Vec<f64>) -> Option<Point> {
    match v.as_slice() {
        [x, y] => Some((*x, *y)),
        _ => None,
    }
}

/// Where a stroke starts; the pointer is captured, so the stroke follows it off the canvas.
pub fn stroke_start(canvas: &PadCanvas, ev: &web_sys::Event) -> Option<Point> {
    point(pad_start_js(canvas, ev))
}

/// Where the pointer of `ev` is on the canvas.
pub fn stroke_point(canvas: &PadCanvas, ev: &web_sys::Event) -> Option<Point> {
    point(pad_point_js(canvas, ev))
}

/// Draws one piece of a stroke; `false` when the canvas cannot be drawn on.
pub fn stroke_line(canvas: &PadCanvas, from: Point, to: Point) -> bool {
    pad_line_js(canvas, from.0, from.1, to.0, to.1)
}

/// Wipes the canvas.
pub fn clear(canvas: &PadCanvas) {
    pad_clear_js(canvas);
}

/// The canvas as PNG bytes, or `None` when the browser cannot encode it.
pub async fn png(canvas: &PadCanvas) -> Option<Vec<u8>> {
    let v = pad_png_js(canvas).await;
    v.dyn_ref::<js_sys::Uint8Array>().map(|a| a.to_vec())
}

/// Opens the browser's print dialog (its "save as PDF" writes a PDF); `false` when refused.
pub fn print() -> bool {
    print_page_js()
}
