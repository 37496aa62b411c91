//! The terminal's output, sent in one write per frame.
//!
//! ratatui flushes after the frame's cells and crossterm's `execute!` flushes after the
//! cursor is shown and moved, so a frame through a plain `BufWriter` left in three writes
//! (cells, caret, end of the synchronized update): three wake-ups of the terminal, and
//! over SSH three packets, for every key. Here a flush keeps the bytes until the frame is
//! complete, which every frame says by ending the synchronized update (`tui::draw`).

use std::io::{self, Stdout, Write};

/// What ends a frame: crossterm's `EndSynchronizedUpdate`.
const END_OF_FRAME: &[u8] = b"\x1b[?2026l";

#[derive(Debug)]
pub struct FrameOut {
    frame: Vec<u8>,
    out: Stdout,
}

impl FrameOut {
    pub fn new() -> FrameOut {
        FrameOut {
            frame: Vec::with_capacity(1 << 16),
            out: io::stdout(),
        }
    }

    /// Writes everything kept so far in one write, and empties the frame.
    pub fn send(&mut self) -> io::Result<()> {
        if self.frame.is_empty() {
            return Ok(());
        }
        let mut out = self.out.lock();
        let sent = out.write_all(&self.frame).and_then(|()| out.flush());
        // A frame that failed is not sent again: the screen is redrawn whole or not at all.
        self.frame.clear();
        sent
    }
}

impl Write for FrameOut {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.frame.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    /// Sends a complete frame; in the middle of one (ratatui and crossterm flush there)
    /// the bytes are kept.
    fn flush(&mut self) -> io::Result<()> {
        if self.frame.ends_with(END_OF_FRAME) {
            self.send()
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flushing_keeps_the_bytes_until_the_frame_is_complete() {
        let mut out = FrameOut::new();
        out.write_all(b"\x1b[?2026h\x1b[1;1Hcells").unwrap();
        out.flush().unwrap();
        out.write_all(b"\x1b[?25h\x1b[9;19H").unwrap();
        out.flush().unwrap();
        assert_eq!(out.frame, b"\x1b[?2026h\x1b[1;1Hcells\x1b[?25h\x1b[9;19H");
        crossterm::queue!(out, crossterm::terminal::EndSynchronizedUpdate).unwrap();
        assert!(out.frame.ends_with(END_OF_FRAME), "crossterm ends a frame so");
    }
}
