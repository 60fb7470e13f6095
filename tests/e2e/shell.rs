//! The first paint: `index.html` paints the app's own layout (navigation and a loading note)
//! before the wasm arrives, and when the app takes over nothing on the page moves.

use std::path::Path;

use serde_json::Value;

use crate::browser::{Result, fail, screenshot, wait_js, wait_text, with_browser};
use crate::server::StaticServer;
use crate::workflow::set_up_tablet;

/// A copy of the build without its script and wasm: what a tablet shows while they download.
fn shell_only(dist: &Path) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("complaints-shell-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(dist).unwrap().flatten() {
        let path = entry.path();
        let keep = path.is_file()
            && path
                .extension()
                .is_some_and(|e| e == "html" || e == "css" || e == "webmanifest");
        if keep {
            std::fs::copy(&path, dir.join(entry.file_name())).unwrap();
        }
    }
    dir
}

/// The layout shifts since navigation, summed as Chrome reports them (the page's CLS).
async fn layout_shift(c: &fantoccini::Client) -> Result<f64> {
    let v: Value = c
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             let sum = 0; \
             new PerformanceObserver((list) => { \
               for (const e of list.getEntries()) { if (!e.hadRecentInput) sum += e.value; } \
             }).observe({ type: 'layout-shift', buffered: true }); \
             setTimeout(() => done(sum), 300);",
            vec![],
        )
        .await?;
    Ok(v.as_f64().unwrap_or(f64::NAN))
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn the_shell_paints_before_the_app_arrives_and_nothing_moves_when_it_does() {
    let shell = StaticServer::start(&shell_only(&crate::dist()));
    let shell_base = shell.base.clone();
    with_browser("static-shell", 1024, 768, |c| async move {
        c.goto(&shell_base).await?;
        wait_text(&c, "#static-shell .banner-loading", "正在读取本机数据").await?;
        wait_js(
            &c,
            "return document.querySelectorAll('#static-shell .nav-link').length === 7",
            5,
        )
        .await?;
        screenshot(&c, "static-shell-landscape.png").await?;
        Ok(())
    })
    .await;

    let server = StaticServer::start(&crate::dist());
    let base = server.base.clone();
    with_browser("first-paint", 1024, 768, |c| async move {
        let c = &c;
        set_up_tablet(c, &base).await?;
        for (path, title) in [("/", "总览"), ("/complaints", "投诉列表")] {
            c.goto(&format!("{base}{path}")).await?;
            wait_text(c, "h1.page-title", title).await?;
            wait_js(c, "return !document.querySelector('#loading')", 10).await?;
            wait_js(c, "return !document.querySelector('#static-shell')", 5).await?;
            let cls = layout_shift(c).await?;
            println!("{path}: cumulative layout shift {cls:.3}");
            if cls.is_nan() || cls > 0.1 {
                return fail(format!(
                    "{path}: the page moved as it loaded (CLS {cls:.3})"
                ));
            }
        }
        screenshot(c, "first-paint-list.png").await?;
        Ok(())
    })
    .await;
}
