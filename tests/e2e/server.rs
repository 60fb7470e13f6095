//! A tiny static file server for `dist/`, on 127.0.0.1 and a free port, at the root or under a
//! sub-path. Unknown paths without a file extension get `index.html`, as for any single-page
//! app; nothing outside the sub-path is served.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

pub struct StaticServer {
    pub base: String,
    stop: Arc<AtomicBool>,
    accept_loop: Option<thread::JoinHandle<()>>,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        Self::start_under(root, "")
    }

    /// Serves `root` under `prefix` (`"/office/complaints"`, no trailing slash); `base` is then
    /// the address of the app, prefix included.
    pub fn start_under(root: &Path, prefix: &str) -> StaticServer {
        let prefix = prefix.to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}{prefix}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let root = root.to_path_buf();
        let stopping = stop.clone();
        let accept_loop = thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let (root, prefix) = (root.clone(), prefix.clone());
                    thread::spawn(move || serve(stream, &root, &prefix));
                }
            }
        });
        StaticServer {
            base,
            stop,
            accept_loop: Some(accept_loop),
        }
    }

    /// Stops serving: from now on every connection to `base` is refused.
    pub fn stop(self) {}
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let host = self.base.trim_start_matches("http://");
        let _ = TcpStream::connect(host.split('/').next().unwrap_or(host));
        if let Some(accept_loop) = self.accept_loop.take() {
            let _ = accept_loop.join();
        }
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("webmanifest") => "application/manifest+json",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let clean = url_path.split(['?', '#']).next().unwrap_or("/");
    if clean.split('/').any(|part| part == "..") {
        return None;
    }
    let candidate = root.join(clean.trim_start_matches('/'));
    if candidate.is_file() {
        Some(candidate)
    } else if Path::new(clean).extension().is_none() {
        Some(root.join("index.html"))
    } else {
        None
    }
}

fn serve(mut stream: TcpStream, root: &Path, prefix: &str) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Drain the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let inside = path
        .strip_prefix(prefix)
        .filter(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']));
    let response = match inside
        .and_then(|rest| resolve(root, if rest.is_empty() { "/" } else { rest }))
        .and_then(|p| std::fs::read(&p).ok().map(|b| (p, b)))
    {
        Some((file, body)) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
                content_type(&file),
                body.len()
            );
            [head.into_bytes(), body].concat()
        }
        None => {
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec()
        }
    };
    let _ = stream.write_all(&response);
}
