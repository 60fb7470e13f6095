//! Entry point: panic hook, then mount the app in place of the static shell.

fn main() {
    console_error_panic_hook::set_once();
    complaints::ui::platform::mark("open:wasm");
    // The static shell paints first (what the app is for, while the data is read), then the
    // app takes its place.
    complaints::ui::platform::after_next_paint(|| {
        complaints::ui::platform::remove_static_shell();
        leptos::mount::mount_to_body(complaints::ui::App);
    });
}
