//! A file sent as a reply body, read a chunk at a time on the blocking threads as the
//! client takes it: a photo of many megabytes never sits whole in memory, and a reader on
//! a slow link holds no thread while the network drains.

use std::fs::File;
use std::future::Future as _;
use std::io;
use std::os::unix::fs::FileExt as _;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use axum::body::Bytes;
use http_body::{Frame, SizeHint};
use tokio::task::JoinHandle;

/// Bytes read at a time: a few TCP windows, small enough that a slow reader drains one
/// within the connection's idle limit.
const CHUNK: u64 = 64 * 1024;

pub struct FileBody {
    file: Arc<File>,
    offset: u64,
    remaining: u64,
    reading: Option<JoinHandle<io::Result<Vec<u8>>>>,
}

impl FileBody {
    /// Sends the first `len` bytes of `file` (its length when the reply's head was made).
    pub fn new(file: File, len: u64) -> FileBody {
        FileBody {
            file: Arc::new(file),
            offset: 0,
            remaining: len,
            reading: None,
        }
    }
}

fn read_chunk(file: &File, offset: u64, want: u64) -> io::Result<Vec<u8>> {
    let mut buf = vec![0u8; usize::try_from(want).unwrap_or(usize::MAX)];
    let mut filled = 0;
    while filled < buf.len() {
        let offset = offset + filled as u64;
        match file.read_at(&mut buf[filled..], offset) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(filled);
    Ok(buf)
}

impl http_body::Body for FileBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        if this.remaining == 0 {
            return Poll::Ready(None);
        }
        let reading = this.reading.get_or_insert_with(|| {
            let file = Arc::clone(&this.file);
            let (offset, want) = (this.offset, this.remaining.min(CHUNK));
            tokio::task::spawn_blocking(move || read_chunk(&file, offset, want))
        });
        let read = ready!(Pin::new(reading).poll(cx));
        this.reading = None;
        let chunk = match read {
            Ok(Ok(chunk)) if !chunk.is_empty() => chunk,
            // The head promised a length: a file cut short (rewritten in place, not renamed
            // as the site build does) can only end the connection.
            Ok(Ok(_)) => return Poll::Ready(Some(Err(io::ErrorKind::UnexpectedEof.into()))),
            Ok(Err(e)) => return Poll::Ready(Some(Err(e))),
            Err(e) => return Poll::Ready(Some(Err(io::Error::other(e)))),
        };
        let n = chunk.len() as u64;
        this.offset += n;
        this.remaining = this.remaining.saturating_sub(n);
        Poll::Ready(Some(Ok(Frame::data(Bytes::from(chunk)))))
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
}

impl Drop for FileBody {
    fn drop(&mut self) {
        // A reply abandoned mid-read: the chunk being read is not wanted.
        if let Some(reading) = self.reading.take() {
            reading.abort();
        }
    }
}
