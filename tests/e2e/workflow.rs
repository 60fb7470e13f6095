//! Real users' paths through the plan: setting up a tablet, taking a complaint in and carrying
//! it through the workflow.

use fantoccini::{Client, Locator};

use crate::browser::{Result, choose, click, fail, fill, wait_attr, wait_text};

/// Sets the tablet up: device code A3, the leader first (who signs in), then a staff member.
pub async fn set_up_tablet(c: &Client, base: &str) -> Result {
    set_up_device(c, base, "A3", "平板-3").await
}

/// Sets a device up with `code` and `label`, then the leader (signed in) and a staff member.
pub async fn set_up_device(c: &Client, base: &str, code: &str, label: &str) -> Result {
    c.goto(&format!("{base}/settings")).await?;
    wait_text(c, "h1.page-title", "设置").await?;
    fill(c, "#device-code", code).await?;
    fill(c, "#device-label", label).await?;
    click(c, "#device-save").await?;
    wait_text(c, "#device-panel .notice", "已保存").await?;
    fill(c, "#person-name", "王组长").await?;
    choose(c, "#person-role", "Leader").await?;
    fill(c, "#person-pin", LEADER_PIN).await?;
    click(c, "#add-person").await?;
    wait_text(c, "#current-user", "王组长").await?;
    fill(c, "#person-name", "陈客服").await?;
    choose(c, "#person-role", "Staff").await?;
    click(c, "#add-person").await?;
    wait_text(c, "#roster-panel .roster", "陈客服").await?;
    Ok(())
}

/// The PIN the tests give every leader (the demo's leaders set it on their first sign-in).
pub const LEADER_PIN: &str = "2468";

/// Signs in as the person named `name` on the settings page, typing [`LEADER_PIN`] when the
/// person has a PIN, or setting it when their role needs one and they have none yet.
pub async fn sign_in(c: &Client, base: &str, name: &str) -> Result {
    c.goto(&format!("{base}/settings")).await?;
    click(c, &format!("button[data-person='{name}']")).await?;
    let shown = format!(
        "return document.querySelector('#sign-in-form') ? 'pin' : \
         ((document.querySelector('#current-user')?.textContent || '').includes({name:?}) ? 'in' : '')"
    );
    let started = std::time::Instant::now();
    loop {
        let v = c.execute(&shown, vec![]).await?;
        match v.as_str() {
            Some("in") => return Ok(()),
            Some("pin") => break,
            _ if started.elapsed() > std::time::Duration::from_secs(10) => {
                return fail(format!(
                    "signing in as {name} showed neither the user nor a PIN form"
                ));
            }
            _ => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
        }
    }
    fill(c, "#sign-in-pin", LEADER_PIN).await?;
    if crate::settings::exists(c, "#sign-in-pin-again").await? {
        fill(c, "#sign-in-pin-again", LEADER_PIN).await?;
    }
    click(c, "#sign-in-confirm").await?;
    wait_text(c, "#current-user", name).await
}

/// Fills the intake form and submits it; ends on the new complaint's page.
pub async fn take_in(c: &Client, base: &str, name: &str, description: &str) -> Result {
    c.goto(&format!("{base}/complaints/new")).await?;
    wait_text(c, "h1.page-title", "新建投诉").await?;
    fill(c, "#name", name).await?;
    fill(c, "#phone", "13812345678").await?;
    fill(c, "#building", "3栋").await?;
    fill(c, "#entrance", "2单元").await?;
    fill(c, "#room", "1201").await?;
    choose(c, "#category", "facilities").await?;
    choose(c, "#department", "engineering").await?;
    fill(c, "#description", description).await?;
    fill(c, "#request", "尽快修好").await?;
    click(c, "#submit-complaint").await?;
    wait_text(c, "#record-number", "TS-").await
}

/// Opens the form of `command`, lets `fill_in` fill it, confirms, and waits for `state`.
pub async fn step<F, Fut>(c: &Client, command: &str, fill_in: F, state: &str) -> Result
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result>,
{
    click(c, &format!("#actions button[data-command='{command}']")).await?;
    c.wait()
        .for_element(Locator::Css(&format!("#form-{command}")))
        .await?;
    fill_in().await?;
    click(c, "#command-submit").await?;
    if let Ok(err) = c.find(Locator::Css("#actions .notice-error")).await {
        return fail(format!("{command} refused: {}", err.text().await?));
    }
    wait_attr(c, "#record-state", "data-state", state).await
}
