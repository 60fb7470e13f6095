//! A CouchDB-protocol server for the replication tests: `pouchdb-server` from npm (pinned in
//! `scripts/couch/`, installed by `scripts/setup.sh`), started on 127.0.0.1 and a free port,
//! in memory or on a folder, and stopped when dropped. Plain HTTP requests to it, to set it up
//! and to count what it holds.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub struct CouchServer {
    pub port: u16,
    pub url: String,
    child: Child,
    workdir: PathBuf,
    data: Option<PathBuf>,
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/couch/node_modules/.bin/pouchdb-server")
}

impl CouchServer {
    /// In memory: everything is gone when it stops.
    pub fn in_memory(name: &str) -> CouchServer {
        Self::start(name, crate::browser::free_port(), None)
    }

    /// Kept in `data`, so a restart on the same port finds what was there.
    pub fn on_disk(name: &str, port: u16, data: &Path) -> CouchServer {
        Self::start(name, port, Some(data.to_path_buf()))
    }

    fn start(name: &str, port: u16, data: Option<PathBuf>) -> CouchServer {
        // On disk, the configuration (the administrator) sits beside the data, so a restart
        // finds both.
        let workdir = match &data {
            Some(dir) => dir.with_extension("config"),
            None => std::env::temp_dir().join(format!("couch-{name}-{}", std::process::id())),
        };
        std::fs::create_dir_all(&workdir).unwrap();
        let mut cmd = Command::new(bin());
        cmd.current_dir(&workdir)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .arg("--config")
            .arg(workdir.join("config.json"))
            .arg("--no-stdout-logs")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        match &data {
            Some(dir) => {
                std::fs::create_dir_all(dir).unwrap();
                cmd.arg("--dir").arg(dir);
            }
            None => {
                cmd.arg("--in-memory");
            }
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("start {} (run scripts/setup.sh): {e}", bin().display()));
        let server = CouchServer {
            port,
            url: format!("http://127.0.0.1:{port}"),
            child,
            workdir,
            data,
        };
        let started = Instant::now();
        while request(port, "GET", "/", None, None).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "pouchdb-server did not answer on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    /// Stops it the hard way, as a power cut or a crash would.
    pub fn kill(mut self) -> Option<PathBuf> {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.data.clone()
    }

    /// Sends a request; the status and the JSON answer.
    pub fn call(&self, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
        self.call_as(method, path, body, Some(("admin", ADMIN_PASSWORD)))
    }

    pub fn call_as(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
        auth: Option<(&str, &str)>,
    ) -> (u16, Value) {
        let (status, text) = request(self.port, method, path, body, auth)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// An administrator (CouchDB leaves the server open to all until one is made), and a
    /// database.
    pub fn set_up(&self, db: &str) {
        let (status, _) = self.call_as(
            "PUT",
            "/_config/admins/admin",
            Some(&format!("\"{ADMIN_PASSWORD}\"")),
            None,
        );
        assert!(status < 300, "admin: {status}");
        self.create(db);
    }

    /// A user of its own with the company's role, and `db` open to that role only (the
    /// README's guide, "Users and roles").
    pub fn add_member(&self, db: &str, user: &str, password: &str, role: &str) {
        let doc = serde_json::json!({"name": user, "password": password, "roles": [role], "type": "user"});
        let (status, answer) = self.call(
            "PUT",
            &format!("/_users/org.couchdb.user:{user}"),
            Some(&doc.to_string()),
        );
        assert!(status < 300, "user {user}: {status} {answer}");
        let security = serde_json::json!({"admins": {"names": [], "roles": []}, "members": {"names": [], "roles": [role]}});
        let (status, answer) = self.call(
            "PUT",
            &format!("/{db}/_security"),
            Some(&security.to_string()),
        );
        assert!(status < 300, "security of {db}: {status} {answer}");
    }

    pub fn create(&self, db: &str) {
        let (status, answer) = self.call("PUT", &format!("/{db}"), None);
        assert!(
            status < 300 || status == 412,
            "create {db}: {status} {answer}"
        );
    }

    /// The documents in `db` (checkpoints, which are `_local`, are not counted).
    pub fn doc_count(&self, db: &str) -> u64 {
        self.call("GET", &format!("/{db}"), None).1["doc_count"]
            .as_u64()
            .unwrap_or(0)
    }
}

pub const ADMIN_PASSWORD: &str = "couch-secret";

impl Drop for CouchServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if self.data.is_none() {
            let _ = std::fs::remove_dir_all(&self.workdir);
        }
    }
}

/// One HTTP/1.1 request on its own connection.
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&str>,
    auth: Option<(&str, &str)>,
) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.unwrap_or("");
    let auth = auth
        .map(|(u, p)| {
            format!(
                "Authorization: Basic {}\r\n",
                base64::Engine::encode(
                    &base64::engine::general_purpose::STANDARD,
                    format!("{u}:{p}")
                )
            )
        })
        .unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(&raw[end..])
    } else {
        raw[end..].to_vec()
    };
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

fn dechunk(mut s: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = s.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&s[..i]);
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        let rest = &s[i + 2..];
        if n == 0 || rest.len() < n {
            break;
        }
        out.extend_from_slice(&rest[..n]);
        s = rest[n..].strip_prefix(b"\r\n").unwrap_or(&rest[n..]);
    }
    out
}
