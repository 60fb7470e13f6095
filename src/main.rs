//! Entry point: panic hook, then mount the app in place of the static shell.

fn main() {
    console_error_panic_hook::set_once();
    complaints::ui::platform::mark("open:wasm");
    complaints::ui::platform::remove_static_shell();
    leptos::mount::mount_to_body(complaints::ui::App);
}
