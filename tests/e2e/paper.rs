//! The case file on paper: each of the five forms printed (Chromium's print to PDF) is one A4
//! page with its fields and no navigation; a signature drawn with a finger is kept, travels in
//! a bundle and is printed on the handling form; recordings and PDFs are attached, and a file
//! over the limit is refused.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;
use fantoccini::actions::{InputSource, PointerAction, TouchActions};
use fantoccini::{Client, Locator};
use serde_json::json;

use crate::browser::{self, Cdp, Result, click, fail, fill, screenshot, wait_js, wait_text};
use crate::server::StaticServer;
use crate::{dist, exchange, workflow};

/// The A4 sheet printed to PDF through the DevTools protocol; returns the PDF's bytes.
async fn print_pdf(c: &Client) -> Result<Vec<u8>> {
    let out = c
        .issue_cmd(Cdp {
            cmd: "Page.printToPDF",
            params: json!({
                "paperWidth": 8.27, "paperHeight": 11.69,
                "preferCSSPageSize": true, "printBackground": true,
            }),
        })
        .await?;
    let data = out["data"].as_str().ok_or("no PDF data")?;
    Ok(base64::engine::general_purpose::STANDARD.decode(data)?)
}

/// The number of pages in a PDF Chromium wrote.
fn pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    ["/Type /Page", "/Type/Page"]
        .iter()
        .map(|p| {
            text.match_indices(p)
                .filter(|(i, m)| !text[i + m.len()..].starts_with('s'))
                .count()
        })
        .sum()
}

/// The page as the printer sees it (print media); `check` runs in that state.
async fn as_printed(c: &Client, shot: &str, check: &str) -> Result {
    c.issue_cmd(Cdp {
        cmd: "Emulation.setEmulatedMedia",
        params: json!({ "media": "print" }),
    })
    .await?;
    let seen = c.execute(check, vec![]).await?;
    c.execute("window.scrollTo(0, 0)", vec![]).await?;
    screenshot(c, shot).await?;
    c.issue_cmd(Cdp {
        cmd: "Emulation.setEmulatedMedia",
        params: json!({ "media": "" }),
    })
    .await?;
    match seen.as_str() {
        Some("") => Ok(()),
        other => fail(format!("{shot}: {other:?}")),
    }
}

/// Chooses `form` on the complaint's page and prints it: one A4 page holding `texts`, with
/// nothing of the app around it.
async fn print_form(c: &Client, form: &str, texts: &[&str]) -> Result {
    click(c, &format!("#print-{form}")).await?;
    c.wait()
        .for_element(Locator::Css(&format!(".print-sheet[data-form='{form}']")))
        .await?;
    let sheet = c.find(Locator::Css(".print-sheet")).await?.text().await?;
    for t in texts {
        if !sheet.contains(t) {
            return fail(format!("the {form} form lacks {t:?}: {sheet}"));
        }
    }
    // Every image on the sheet (a signature) has loaded before it is printed.
    wait_js(
        c,
        "return [...document.querySelectorAll('.print-sheet img')].every(i => i.complete && i.naturalWidth > 0)",
        10,
    )
    .await?;
    as_printed(
        c,
        &format!("print-{form}.png"),
        "const hidden = s => [...document.querySelectorAll(s)].every(e => e.offsetParent === null);
         const shown = e => e && e.offsetParent !== null;
         if (!hidden('nav.nav, #actions, #clocks, #timeline, .print-choices, #print-now')) return 'the app shows around the sheet';
         if (!shown(document.querySelector('.print-sheet'))) return 'the sheet is hidden';
         return '';",
    )
    .await?;
    let pdf = print_pdf(c).await?;
    std::fs::write(browser::shots_dir().join(format!("print-{form}.pdf")), &pdf)?;
    match pages(&pdf) {
        1 => Ok(()),
        n => fail(format!("the {form} form printed on {n} pages")),
    }
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn each_of_the_five_forms_prints_on_one_a4_page_without_the_app_around_it() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    browser::with_browser("print-forms", 1024, 768, |c| async move {
        let c = &c;
        c.goto(&format!("{base}/settings")).await?;
        click(c, "#demo-load").await?;
        wait_text(c, "#current-user", "组长").await?;
        fill(c, "#company-name", "示范物业服务有限公司").await?;
        click(c, "#company-save").await?;
        wait_text(c, "#company-panel .notice", "已保存").await?;
        // A closed major complaint of the demo: every step of the plan has happened.
        c.goto(&format!("{base}/complaints")).await?;
        wait_text(c, "#result-count", "条").await?;
        let opened = c
            .execute(
                "const row = [...document.querySelectorAll('#rows li')].find(li =>
                    li.querySelector('.level-major') && li.textContent.includes('已结案'));
                 if (!row) return false;
                 row.querySelector('a').click();
                 return true;",
                vec![],
            )
            .await?;
        if opened != json!(true) {
            return fail("the demo has no closed major complaint");
        }
        wait_text(c, "#record-number", "TS-").await?;
        let number = c.find(Locator::Css("#record-number")).await?.text().await?;
        c.wait().for_element(Locator::Css("#print")).await?;
        let n = number.as_str();
        let company = "示范物业服务有限公司";
        print_form(
            c,
            "record",
            &[
                company,
                "客户投诉记录表",
                n,
                "打印时间",
                "投诉渠道",
                "事件经过",
                "记录人",
            ],
        )
        .await?;
        print_form(
            c,
            "handling",
            &[company, "投诉处理表", n, "签收", "被投诉部门负责人"],
        )
        .await?;
        print_form(
            c,
            "report",
            &[
                company,
                "重大投诉处理报告",
                n,
                "处理方案与审批",
                "总结报告",
                "原因分析",
            ],
        )
        .await?;
        print_form(
            c,
            "termination",
            &[
                company,
                "应急终止通知",
                "致：各部门、各分支机构",
                n,
                "终止通知",
                "无新的投诉",
            ],
        )
        .await?;
        print_form(
            c,
            "follow-up",
            &[company, "回访记录表", n, "满意度", "业主签字", "回访人"],
        )
        .await?;
        Ok(())
    })
    .await;
}

/// Draws a stroke on the pad `css` with a finger (touch pointer events).
async fn sign_with_finger(c: &Client, css: &str) -> Result {
    let pad = c.find(Locator::Css(css)).await?;
    c.execute(
        "arguments[0].scrollIntoView({block: 'center'})",
        vec![serde_json::to_value(&pad)?],
    )
    .await?;
    let step = |x: f64, y: f64| PointerAction::MoveToElement {
        element: pad.clone(),
        duration: Some(Duration::from_millis(40)),
        x,
        y,
    };
    let finger = TouchActions::new("finger".into())
        .then(step(-150.0, 10.0))
        .then(PointerAction::Down { button: 0 })
        .then(step(-90.0, -30.0))
        .then(step(-30.0, 25.0))
        .then(step(30.0, -25.0))
        .then(step(90.0, 20.0))
        .then(step(150.0, -10.0))
        .then(PointerAction::Up { button: 0 });
    c.perform_actions(finger).await?;
    c.release_actions().await?;
    Ok(())
}

/// The number of dark pixels in the pad's drawing (0 when nothing was drawn).
async fn ink(c: &Client, css: &str) -> Result<u64> {
    let n = c
        .execute(
            &format!(
                "const cv = document.querySelector({css:?});
                 const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
                 let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                 return n;"
            ),
            vec![],
        )
        .await?;
    Ok(n.as_u64().unwrap_or(0))
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_signature_drawn_with_a_finger_survives_a_reload_travels_and_prints() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    let root = std::env::temp_dir().join(format!("complaints-signature-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (a_profile, a_downloads) = exchange::tablet_dirs(&root, "a");
    let (b_profile, b_downloads) = exchange::tablet_dirs(&root, "b");
    const PASS: &str = "签名-2026";
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(PathBuf, String)>::new()));

    let (b, s, ad) = (base.clone(), slot.clone(), a_downloads.clone());
    exchange::with_profile("signature-a", 1024, 768, Some(&a_profile), Some(&a_downloads), |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &b).await?;
        workflow::take_in(c, &b, "孙女士", "楼道灯长期不亮").await?;
        let number = c.find(Locator::Css("#record-number")).await?.text().await?;
        workflow::step(c, "Assess", || async move { click(c, "#c_facility").await }, "Assessed").await?;
        workflow::step(
            c,
            "Dispatch",
            || async move { browser::choose(c, "#department", "engineering").await },
            "Dispatched",
        )
        .await?;
        click(c, "#actions button[data-command='SignFor']").await?;
        c.wait().for_element(Locator::Css("#form-SignFor")).await?;
        fill(c, "#signer", "周经理").await?;
        // Saving an empty pad is refused with a message.
        click(c, "#signature-sign-for .pad-save").await?;
        wait_text(c, "#signature-sign-for .notice", "还没有签名").await?;
        sign_with_finger(c, "#signature-sign-for canvas").await?;
        if ink(c, "#signature-sign-for canvas").await? < 50 {
            return fail("the finger drew nothing on the pad");
        }
        screenshot(c, "signature-pad.png").await?;
        click(c, "#signature-sign-for .pad-save").await?;
        wait_text(c, "#signature-sign-for .notice", "签名已保存").await?;
        click(c, "#command-submit").await?;
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("#record [data-step='Dispatch'] img.signature-image"))
            .await?;
        // After a reload the signature is read back from this tablet.
        c.refresh().await?;
        wait_text(c, "#record-number", &number).await?;
        wait_js(
            c,
            "const i = document.querySelector(\"#record [data-step='Dispatch'] img.signature-image\");
             return !!i && i.complete && i.naturalWidth > 0",
            10,
        )
        .await?;
        let file = exchange::export_to(c, &b, &ad, PASS).await?;
        s.lock().unwrap().push((file, number));
        Ok(())
    })
    .await;

    let (file, number) = slot.lock().unwrap()[0].clone();
    let b = base.clone();
    exchange::with_profile("signature-b", 1024, 768, Some(&b_profile), Some(&b_downloads), |c| async move {
        let c = &c;
        workflow::set_up_device(c, &b, "B7", "平板-7").await?;
        let preview = exchange::import_from(c, &b, &file, PASS).await?;
        if !preview.contains("附件") && !preview.contains("照片") {
            return fail(format!("the preview does not count the signature: {preview}"));
        }
        exchange::open(c, &b, &number).await?;
        print_form(c, "handling", &["投诉处理表", &number, "周经理", "签名"]).await?;
        let signed = c
            .execute(
                "const i = document.querySelector(\".print-sheet [data-step='Dispatch'] img.signature-image\");
                 return !!i && i.naturalWidth > 0",
                vec![],
            )
            .await?;
        if signed != json!(true) {
            return fail("the imported signature is not on the printed handling form");
        }
        Ok(())
    })
    .await;
    let _ = std::fs::remove_dir_all(&root);
}

/// A minimal PDF of `size` bytes (padded with a comment).
fn pdf_file(dir: &Path, name: &str, size: usize) -> PathBuf {
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%".to_vec();
    bytes.resize(size.max(bytes.len()), b'x');
    bytes.extend_from_slice(b"\n%%EOF\n");
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// One second of silence as a WAV recording.
fn wav_file(dir: &Path) -> PathBuf {
    let rate: u32 = 8000;
    let data = vec![128u8; rate as usize];
    let mut b = Vec::new();
    b.extend_from_slice(b"RIFF");
    b.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    b.extend_from_slice(b"WAVEfmt ");
    b.extend_from_slice(&16u32.to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&rate.to_le_bytes());
    b.extend_from_slice(&rate.to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&8u16.to_le_bytes());
    b.extend_from_slice(b"data");
    b.extend_from_slice(&(data.len() as u32).to_le_bytes());
    b.extend_from_slice(&data);
    let path = dir.join("现场录音.wav");
    std::fs::write(&path, b).unwrap();
    path
}

/// Attaches `file` on the evidence form with `caption`; returns the form's notice.
async fn attach(c: &Client, file: &Path, caption: &str) -> Result<String> {
    click(c, "#actions button[data-command='AddEvidence']").await?;
    c.wait()
        .for_element(Locator::Css("#form-AddEvidence"))
        .await?;
    c.find(Locator::Css("#attachment"))
        .await?
        .send_keys(&file.display().to_string())
        .await?;
    wait_js(
        c,
        "const n = document.querySelector('#form-AddEvidence .notice'); return !!n && n.textContent.length > 0",
        20,
    )
    .await?;
    let notice = c
        .find(Locator::Css("#form-AddEvidence .notice"))
        .await?
        .text()
        .await?;
    if notice.contains("已保存") {
        fill(c, "#caption", caption).await?;
        click(c, "#command-submit").await?;
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("#evidence"))
            .await?;
    }
    Ok(notice)
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_recording_and_a_pdf_are_attached_and_an_oversized_file_is_refused() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    let dir = std::env::temp_dir().join(format!("complaints-attach-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let (wav, pdf, big) = (
        wav_file(&dir),
        pdf_file(&dir, "维修合同.pdf", 2_000),
        pdf_file(&dir, "超大扫描件.pdf", 11 * 1024 * 1024),
    );
    browser::with_browser("attachments", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        workflow::take_in(c, &base, "钱先生", "物业费收据与合同不符").await?;
        let notice = attach(c, &wav, "业主来电录音").await?;
        if !notice.contains("文件已保存") {
            return fail(format!("the recording was not saved: {notice}"));
        }
        let notice = attach(c, &pdf, "物业服务合同").await?;
        if !notice.contains("文件已保存") {
            return fail(format!("the PDF was not saved: {notice}"));
        }
        let notice = attach(c, &big, "太大的文件").await?;
        if !notice.contains("超过每个文件 10 MB") {
            return fail(format!("the oversized file was not refused with its limit: {notice}"));
        }
        click(c, "#form-AddEvidence .actions .btn:not(.btn-primary)").await?;
        wait_js(
            c,
            "const kinds = [...document.querySelectorAll('#evidence li')].map(li => li.dataset.kind);
             return kinds.includes('Audio') && kinds.includes('Document') && kinds.length === 2
                 && !!document.querySelector('#evidence audio[src^=\"blob:\"]')
                 && !!document.querySelector('#evidence a.attachment-link[href^=\"blob:\"]')",
            10,
        )
        .await?;
        let listed = c.find(Locator::Css("#evidence")).await?.text().await?;
        for t in ["录音", "业主来电录音", "文件", "物业服务合同"] {
            if !listed.contains(t) {
                return fail(format!("the evidence list lacks {t:?}: {listed}"));
            }
        }
        if listed.contains("太大的文件") {
            return fail("the refused file was recorded");
        }
        c.execute("document.querySelector('#evidence').scrollIntoView()", vec![]).await?;
        screenshot(c, "evidence-audio-pdf.png").await?;
        Ok(())
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn the_supervisor_signs_the_daily_check_and_the_manager_the_monthly_review_both_print() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    browser::with_browser("ledger", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        workflow::take_in(c, &base, "吴先生", "地下车库照明不足").await?;
        let number = c.find(Locator::Css("#record-number")).await?.text().await?;
        // Staff may not sign the ledger.
        workflow::sign_in(c, &base, "陈客服").await?;
        c.goto(&format!("{base}/ledger")).await?;
        wait_text(c, "h1.page-title", "台账").await?;
        wait_text(c, "#daily-items", &number).await?;
        click(c, "#daily-sign").await?;
        wait_text(c, "#daily-check .notice", "无权").await?;
        // The leader ticks today's new complaint with a note and signs off.
        workflow::sign_in(c, &base, "王组长").await?;
        c.goto(&format!("{base}/ledger")).await?;
        wait_text(c, "#daily-items", &number).await?;
        click(c, &format!("#daily-items li[data-number='{number}'] input[type=checkbox]")).await?;
        fill(c, "#daily-items .check-note", "已电话联系业主").await?;
        fill(c, "#daily-comment", "今日投诉均已跟进").await?;
        click(c, "#daily-sign").await?;
        wait_text(c, "#daily-check .notice", "已签署").await?;
        wait_text(c, "#daily-check .signed-list", "王组长").await?;
        // The monthly review: comments are required, then it signs.
        click(c, "#monthly-sign").await?;
        wait_text(c, "#monthly-review .notice", "意见").await?;
        fill(c, "#review-comment", "本月投诉一件，处理及时").await?;
        click(c, "#monthly-sign").await?;
        wait_text(c, "#monthly-review .notice", "已签署").await?;
        screenshot(c, "ledger-signed.png").await?;
        // After a reload both sign-offs are still there, read from the tablet.
        c.refresh().await?;
        wait_text(c, "#daily-check .signed-list", "王组长").await?;
        wait_text(c, "#monthly-review .signed-list", "王组长").await?;
        // Each prints on one A4 page with what was signed.
        click(c, "#daily-check .print-review").await?;
        c.wait().for_element(Locator::Css("#ledger-print .print-sheet")).await?;
        let sheet = c.find(Locator::Css("#ledger-print .print-sheet")).await?.text().await?;
        for t in ["主管每日检查", number.as_str(), "已电话联系业主", "今日投诉均已跟进", "王组长"] {
            if !sheet.contains(t) {
                return fail(format!("the daily check sheet lacks {t:?}: {sheet}"));
            }
        }
        as_printed(c, "print-daily-check.png", "return document.querySelector('nav.nav').offsetParent === null ? '' : 'the navigation prints';").await?;
        if pages(&print_pdf(c).await?) != 1 {
            return fail("the daily check is not one page");
        }
        click(c, "#monthly-review .print-review").await?;
        wait_text(c, "#ledger-print .print-sheet", "经理月度审核").await?;
        wait_text(c, "#ledger-print .print-sheet", "按等级").await?;
        wait_text(c, "#ledger-print .print-sheet", "本月投诉一件，处理及时").await?;
        as_printed(c, "print-monthly-review.png", "return document.querySelector('#daily-check').offsetParent === null ? '' : 'the page prints around the sheet';").await?;
        let pdf = print_pdf(c).await?;
        std::fs::write(browser::shots_dir().join("print-monthly-review.pdf"), &pdf)?;
        if pages(&pdf) != 1 {
            return fail(format!("the monthly review printed on {} pages", pages(&pdf)));
        }
        Ok(())
    })
    .await;
}
