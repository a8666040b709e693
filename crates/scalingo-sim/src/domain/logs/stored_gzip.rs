//! A gzip file whose deflate stream is made of stored (uncompressed)
//! blocks (RFC 1951 §3.2.4, RFC 1952): any gzip reader takes it, and its
//! size follows from the length of the text alone, so an archive's size
//! can be listed without building the archive.

use flate2::Crc;

/// Bytes of text in a full stored block (the most a block holds).
const BLOCK: usize = 65_535;
/// The gzip header: magic, deflate, no flags, no time, no extra flags, OS
/// unknown.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
/// CRC-32 and length of the text.
const TRAILER: usize = 8;
/// A stored block's header: the final bit and type (one byte, as blocks
/// start on a byte), the length and its complement.
const BLOCK_HEADER: usize = 5;

/// The size of the gzip file of `text_len` bytes of text.
pub fn size(text_len: u64) -> u64 {
    let blocks = text_len.div_ceil(BLOCK as u64).max(1);
    (HEADER.len() + TRAILER) as u64 + blocks * BLOCK_HEADER as u64 + text_len
}

/// Writes the gzip file of a text of a known length, given in pieces.
pub struct StoredGzip {
    out: Vec<u8>,
    pending: Vec<u8>,
    crc: Crc,
    /// Text framed so far.
    framed: u64,
    text_len: u64,
}

impl StoredGzip {
    pub fn new(text_len: u64) -> Self {
        let mut out = Vec::with_capacity(size(text_len) as usize);
        out.extend_from_slice(&HEADER);
        StoredGzip {
            out,
            pending: Vec::with_capacity(2 * BLOCK),
            crc: Crc::new(),
            framed: 0,
            text_len,
        }
    }

    fn block(&mut self, len: usize) {
        let last = self.framed + len as u64 >= self.text_len;
        let len16 = len as u16;
        self.out.push(u8::from(last));
        self.out.extend_from_slice(&len16.to_le_bytes());
        self.out.extend_from_slice(&(!len16).to_le_bytes());
        self.out.extend_from_slice(&self.pending[..len]);
        self.pending.drain(..len);
        self.framed += len as u64;
    }

    pub fn write(&mut self, text: &[u8]) {
        self.crc.update(text);
        self.pending.extend_from_slice(text);
        while self.pending.len() >= BLOCK {
            self.block(BLOCK);
        }
    }

    /// The file; its text must have been the length announced.
    pub fn finish(mut self) -> Vec<u8> {
        if !self.pending.is_empty() || self.framed == 0 {
            self.block(self.pending.len());
        }
        let crc = self.crc.sum();
        let len = self.crc.amount();
        self.out.extend_from_slice(&crc.to_le_bytes());
        self.out.extend_from_slice(&len.to_le_bytes());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::GzDecoder;

    use super::*;

    #[test]
    fn any_reader_takes_it_at_the_size_announced() {
        for len in [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 17] {
            let text: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            let mut gz = StoredGzip::new(len as u64);
            for piece in text.chunks(1000) {
                gz.write(piece);
            }
            let file = gz.finish();
            assert_eq!(file.len() as u64, size(len as u64), "{len}");
            let mut back = Vec::new();
            GzDecoder::new(&file[..]).read_to_end(&mut back).unwrap();
            assert_eq!(back, text, "{len}");
        }
    }
}
