//! Who is acting: a staff member cannot become the leader without the leader's PIN, and five
//! wrong tries lock the leader's sign-in; a leader edits the roster, and a person deactivated on
//! one tablet cannot sign in on another after a sync.

use std::path::PathBuf;

use fantoccini::{Client, Locator};

use crate::browser::{Result, click, fail, fill, screenshot, wait_text, with_browser};
use crate::server::StaticServer;
use crate::settings::exists;
use crate::workflow::{self, sign_in};
use crate::{dist, exchange};

/// Taps the leader's name, types `pin` and waits for the notice to say `expected`.
async fn try_leader_pin(c: &Client, pin: &str, expected: &str) -> Result {
    click(c, "button[data-person='王组长']").await?;
    c.wait().for_element(Locator::Css("#sign-in-form")).await?;
    fill(c, "#sign-in-pin", pin).await?;
    click(c, "#sign-in-confirm").await?;
    wait_text(c, "#user-panel .notice", expected).await
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_staff_member_cannot_act_as_the_leader_without_the_pin_and_five_wrong_tries_lock_it() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    with_browser("people-pin", 1024, 768, |c| async move {
        let c = &c;
        workflow::set_up_tablet(c, &base).await?;
        sign_in(c, &base, "陈客服").await?;
        // Tapping the leader's name asks for the leader's PIN; the staff member stays who they are.
        click(c, "button[data-person='王组长']").await?;
        c.wait().for_element(Locator::Css("#sign-in-pin")).await?;
        wait_text(c, "#current-user", "陈客服").await?;
        screenshot(c, "people-pin-asked.png").await?;
        for left in (1..=4).rev() {
            try_leader_pin(c, "1111", &format!("还可再试 {left} 次")).await?;
            wait_text(c, "#current-user", "陈客服").await?;
        }
        try_leader_pin(c, "1111", "已锁定").await?;
        screenshot(c, "people-pin-locked.png").await?;
        // Locked: even the right PIN is refused, and a reload does not lift the lock.
        c.refresh().await?;
        wait_text(c, "#current-user", "陈客服").await?;
        click(c, "button[data-person='王组长']").await?;
        wait_text(c, "#user-panel .notice", "已锁定").await?;
        if exists(c, "#sign-in-form").await? {
            return fail("a locked-out leader was offered the PIN form");
        }
        wait_text(c, "#current-user", "陈客服").await?;
        // The staff member's own PIN: set in settings, asked for at the next sign-in.
        click(c, "#own-pin summary").await?;
        fill(c, "#own-pin-new", "97531").await?;
        fill(c, "#own-pin-again", "97530").await?;
        click(c, "#own-pin-save").await?;
        wait_text(c, "#own-pin .notice", "不一致").await?;
        fill(c, "#own-pin-new", "97531").await?;
        fill(c, "#own-pin-again", "97531").await?;
        click(c, "#own-pin-save").await?;
        wait_text(c, "#own-pin .notice", "已修改").await?;
        wait_text(c, "#roster-panel li[data-person='陈客服']", "已设 PIN").await?;
        click(c, "#sign-out").await?;
        click(c, "button[data-person='陈客服']").await?;
        c.wait().for_element(Locator::Css("#sign-in-pin")).await?;
        fill(c, "#sign-in-pin", "97531").await?;
        click(c, "#sign-in-confirm").await?;
        wait_text(c, "#current-user", "陈客服").await
    })
    .await;
}

/// Deactivates `name` in the roster editor.
async fn deactivate(c: &Client, base: &str, name: &str) -> Result {
    c.goto(&format!("{base}/settings")).await?;
    click(
        c,
        &format!("#roster-panel li[data-person='{name}'] .edit-person"),
    )
    .await?;
    c.wait().for_element(Locator::Css("#person-editor")).await?;
    click(c, "#edit-person-active").await?;
    click(c, "#save-person").await?;
    wait_text(c, "#person-editor .notice", "已保存").await?;
    wait_text(
        c,
        &format!("#roster-panel li[data-person='{name}']"),
        "已停用",
    )
    .await
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn a_leader_edits_the_roster_and_a_person_deactivated_cannot_sign_in_on_another_tablet() {
    let server = StaticServer::start(&dist());
    let base = server.base.clone();
    let root = std::env::temp_dir().join(format!("complaints-people-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (a_profile, a_downloads) = exchange::tablet_dirs(&root, "a");
    let (b_profile, b_downloads) = exchange::tablet_dirs(&root, "b");
    const PASS: &str = "名单-2026";
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Vec::<PathBuf>::new()));

    // Tablet A: the leader adds 刘客服, makes 陈客服 a duty lead (which needs a PIN), exports.
    let (b, s, ad) = (base.clone(), slot.clone(), a_downloads.clone());
    exchange::with_profile(
        "people-a",
        1024,
        768,
        Some(&a_profile),
        Some(&a_downloads),
        |c| async move {
            let c = &c;
            workflow::set_up_tablet(c, &b).await?;
            fill(c, "#person-name", "刘客服").await?;
            crate::browser::choose(c, "#person-role", "Staff").await?;
            click(c, "#add-person").await?;
            wait_text(c, "#roster-panel .roster", "刘客服").await?;
            // A deputy without a PIN is refused at once.
            fill(c, "#person-name", "李副组长").await?;
            crate::browser::choose(c, "#person-role", "Deputy").await?;
            click(c, "#add-person").await?;
            wait_text(c, "#roster-panel > .notice", "个人 PIN").await?;
            click(c, "#roster-panel li[data-person='陈客服'] .edit-person").await?;
            c.wait().for_element(Locator::Css("#person-editor")).await?;
            crate::browser::choose(c, "#edit-person-role", "DutyLead").await?;
            click(c, "#save-person").await?;
            wait_text(c, "#person-editor .notice", "个人 PIN").await?;
            fill(c, "#edit-person-pin", "13579").await?;
            click(c, "#save-person").await?;
            wait_text(c, "#person-editor .notice", "已保存").await?;
            wait_text(c, "#roster-panel li[data-person='陈客服']", "值班负责人").await?;
            wait_text(c, "#roster-panel li[data-person='陈客服']", "已设 PIN").await?;
            screenshot(c, "people-roster-editor.png").await?;
            let file = exchange::export_to(c, &b, &ad, PASS).await?;
            s.lock().unwrap().push(file);
            Ok(())
        },
    )
    .await;

    // Tablet B: takes the file; 刘客服 signs in there.
    let file = slot.lock().unwrap()[0].clone();
    let b = base.clone();
    exchange::with_profile(
        "people-b",
        1024,
        768,
        Some(&b_profile),
        Some(&b_downloads),
        |c| async move {
            let c = &c;
            workflow::set_up_device(c, &b, "B7", "平板-7").await?;
            exchange::import_from(c, &b, &file, PASS).await?;
            sign_in(c, &b, "刘客服").await
        },
    )
    .await;

    // Tablet A: the leader deactivates 刘客服, exports again.
    let (b, s, ad) = (base.clone(), slot.clone(), a_downloads.clone());
    exchange::with_profile(
        "people-a2",
        1024,
        768,
        Some(&a_profile),
        Some(&a_downloads),
        |c| async move {
            let c = &c;
            sign_in(c, &b, "王组长").await?;
            deactivate(c, &b, "刘客服").await?;
            if exists(c, "button[data-person='刘客服']").await? {
                return fail("a deactivated person is still offered for sign-in");
            }
            let file = exchange::export_to(c, &b, &ad, PASS).await?;
            s.lock().unwrap().push(file);
            Ok(())
        },
    )
    .await;

    // Tablet B: after the sync 刘客服 is signed out and cannot sign in again.
    let file = slot.lock().unwrap()[1].clone();
    let b = base.clone();
    exchange::with_profile(
        "people-b2",
        1024,
        768,
        Some(&b_profile),
        Some(&b_downloads),
        |c| async move {
            let c = &c;
            exchange::import_from(c, &b, &file, PASS).await?;
            c.goto(&format!("{b}/settings")).await?;
            wait_text(c, "#roster-panel li[data-person='刘客服']", "已停用").await?;
            wait_text(c, "#current-user", "尚未选择").await?;
            if exists(c, "button[data-person='刘客服']").await? {
                return fail("the deactivated person can still be picked on the other tablet");
            }
            // The leader's PIN travelled with the roster: signing in as 王组长 from A asks for it.
            screenshot(c, "people-deactivated-elsewhere.png").await?;
            Ok(())
        },
    )
    .await;
    let _ = std::fs::remove_dir_all(&root);
}
