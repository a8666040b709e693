//! What a user pastes to give a custom domain its own certificate: the
//! certificate (with its chain) and the private key, in PEM. The rules
//! here are about their shape, checked while typing by the dashboard and
//! on upload by the simulator: blocks between `-----BEGIN …-----` and
//! `-----END …-----` lines, of the right kind, with base64 in between.
//! Each problem has one message that says what is wrong and what to do.
//!
//! Reading a certificate's subject, names and dates, or a key's type and
//! size, is a small DER walk ([`certificate_info`],
//! [`private_key_description`]): nothing is verified, and what cannot be
//! read gives `None`.

use base64::{
    alphabet,
    engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig},
    Engine,
};

/// The PEM label of a certificate.
const CERTIFICATE: &str = "CERTIFICATE";
/// The private keys the platform takes: PKCS #8, PKCS #1 (RSA), SEC 1 (EC).
const KEY_LABELS: [&str; 3] = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];
/// What `openssl ecparam -genkey` writes before an EC key.
const EC_PARAMETERS: &str = "EC PARAMETERS";

/// Standard base64, padded or not (some tools drop the padding).
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// One `BEGIN`…`END` block.
#[derive(Debug)]
struct Block {
    label: String,
    /// The base64 lines, joined.
    body: String,
    /// The first line of the body that is not base64 (1-based, in the
    /// whole text).
    bad_line: Option<usize>,
    /// `Proc-Type: 4,ENCRYPTED`: a key with a passphrase, the old way.
    encrypted: bool,
}

/// Why a text is not a sequence of blocks.
#[derive(Debug, PartialEq)]
enum Framing {
    /// A `BEGIN` line whose block never ends.
    MissingEnd(String),
    /// An `END` line with no `BEGIN` before it.
    MissingBegin(String),
    /// `BEGIN X` closed by `END Y`.
    Mismatch(String, String),
}

/// The label of a `-----BEGIN <label>-----` (or `END`) line.
fn marker<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    line.strip_prefix("-----")?
        .strip_suffix("-----")?
        .strip_prefix(word)?
        .strip_prefix(' ')
        .map(str::trim)
}

fn is_base64_line(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
}

/// The blocks of `text`; what is outside them (the `subject=` lines or
/// `Bag Attributes` openssl prints) is ignored.
fn blocks(text: &str) -> Result<Vec<Block>, Framing> {
    let mut found = Vec::new();
    let mut current: Option<Block> = None;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(label) = marker(line, "BEGIN") {
            if let Some(open) = current {
                return Err(Framing::MissingEnd(open.label));
            }
            current = Some(Block {
                label: label.to_owned(),
                body: String::new(),
                bad_line: None,
                encrypted: false,
            });
        } else if let Some(label) = marker(line, "END") {
            let Some(open) = current.take() else {
                return Err(Framing::MissingBegin(label.to_owned()));
            };
            if open.label != label {
                return Err(Framing::Mismatch(open.label, label.to_owned()));
            }
            found.push(open);
        } else if let Some(open) = current.as_mut() {
            if line.is_empty() {
                continue;
            }
            // RFC 1421 headers of keys encrypted the old way.
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("Proc-Type") && value.contains("ENCRYPTED") {
                    open.encrypted = true;
                }
                if !name.contains(char::is_whitespace) && !name.is_empty() {
                    continue;
                }
            }
            if !is_base64_line(line) && open.bad_line.is_none() {
                open.bad_line = Some(index + 1);
            }
            open.body.push_str(line);
        }
    }
    match current {
        Some(open) => Err(Framing::MissingEnd(open.label)),
        None => Ok(found),
    }
}

/// `what` is "certificate" or "private key", for the messages.
fn framing_message(problem: Framing, what: &str) -> String {
    match problem {
        Framing::MissingEnd(label) => format!(
            "The END {label} line is missing: the {what} looks cut short. \
             Copy it again, down to its -----END {label}----- line"
        ),
        Framing::MissingBegin(label) => format!(
            "The BEGIN {label} line is missing: copy the whole {what}, \
             from its -----BEGIN {label}----- line"
        ),
        Framing::Mismatch(begin, end) => format!(
            "A block begins with BEGIN {begin} but ends with END {end}: \
             two blocks were mixed up"
        ),
    }
}

/// What is wrong with the base64 of a block, if anything.
fn body_problem(block: &Block, what: &str) -> Option<String> {
    if let Some(line) = block.bad_line {
        return Some(format!(
            "The {what} is damaged: line {line} has characters that are not base64"
        ));
    }
    if block.body.is_empty() {
        return Some(format!(
            "The {what} is empty between its BEGIN and END lines"
        ));
    }
    match BASE64.decode(&block.body) {
        Ok(bytes) if !bytes.is_empty() => None,
        _ => Some(format!(
            "The {what} is damaged: its base64 is incomplete (a line may be missing)"
        )),
    }
}

fn is_key_label(label: &str) -> bool {
    label.ends_with("PRIVATE KEY")
}

/// Every problem of a certificate field, as the API words a blank field
/// (`can't be blank`) or as a sentence saying what is wrong; empty when
/// its shape is right: one or more `CERTIFICATE` blocks (the certificate
/// and its chain) with base64 in between.
pub fn certificate_errors(pem: &str) -> Vec<String> {
    if pem.trim().is_empty() {
        return vec!["can't be blank".to_owned()];
    }
    certificate_problem(pem).into_iter().collect()
}

fn certificate_problem(pem: &str) -> Option<String> {
    let found = match blocks(pem) {
        Ok(found) => found,
        Err(problem) => return Some(framing_message(problem, "certificate")),
    };
    let has_certificate = found.iter().any(|b| b.label == CERTIFICATE);
    if found.iter().any(|b| is_key_label(&b.label)) {
        return Some(if has_certificate {
            "Remove the private key from the certificate field: \
             paste it in the private key field"
                .to_owned()
        } else {
            "This is a private key, not a certificate: paste it in the private key field".to_owned()
        });
    }
    if let Some(other) = found.iter().find(|b| b.label != CERTIFICATE) {
        return Some(match other.label.as_str() {
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                "This is a certificate signing request (CSR), not a certificate: \
                 paste the certificate your certificate authority sent back"
                    .to_owned()
            }
            "PUBLIC KEY" | "RSA PUBLIC KEY" => "This is a public key, not a certificate".to_owned(),
            label => format!("A {label} block is not a certificate: remove it"),
        });
    }
    if found.is_empty() {
        return Some(
            "The BEGIN CERTIFICATE line is missing: paste the certificate in PEM \
             format, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----"
                .to_owned(),
        );
    }
    found.iter().find_map(|b| body_problem(b, "certificate"))
}

/// Every problem of a private key field (see [`certificate_errors`]);
/// empty when it is one unencrypted RSA or EC key (`PRIVATE KEY`, `RSA
/// PRIVATE KEY` or `EC PRIVATE KEY`), an `EC PARAMETERS` block allowed
/// before it.
pub fn private_key_errors(pem: &str) -> Vec<String> {
    if pem.trim().is_empty() {
        return vec!["can't be blank".to_owned()];
    }
    private_key_problem(pem).into_iter().collect()
}

fn private_key_problem(pem: &str) -> Option<String> {
    let found = match blocks(pem) {
        Ok(found) => found,
        Err(problem) => return Some(framing_message(problem, "private key")),
    };
    let keys: Vec<&Block> = found.iter().filter(|b| is_key_label(&b.label)).collect();
    if found.iter().any(|b| b.label == CERTIFICATE) {
        return Some(if keys.is_empty() {
            "This is a certificate, not a private key: paste it in the certificate field".to_owned()
        } else {
            "Remove the certificate from the private key field: \
             paste it in the certificate field"
                .to_owned()
        });
    }
    if let Some(other) = found
        .iter()
        .find(|b| !is_key_label(&b.label) && b.label != EC_PARAMETERS)
    {
        return Some(match other.label.as_str() {
            "PUBLIC KEY" | "RSA PUBLIC KEY" => {
                "This is a public key: paste the private key that goes with the certificate"
                    .to_owned()
            }
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                "This is a certificate signing request (CSR), not a private key".to_owned()
            }
            label => format!("A {label} block is not a private key: remove it"),
        });
    }
    let Some(key) = keys.first() else {
        return Some(
            "The BEGIN PRIVATE KEY line is missing: paste the key in PEM format, \
             from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----"
                .to_owned(),
        );
    };
    if keys.len() > 1 {
        return Some("Paste one private key only: this text has several".to_owned());
    }
    if key.label == "ENCRYPTED PRIVATE KEY" || key.encrypted {
        return Some(
            "This key is protected by a passphrase: remove it first \
             (openssl pkey -in key.pem -out key-without-passphrase.pem)"
                .to_owned(),
        );
    }
    if !KEY_LABELS.contains(&key.label.as_str()) {
        return Some(format!(
            "Keys of type {} are not supported: use an RSA or EC private key in PEM format \
             (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)",
            key.label
        ));
    }
    body_problem(key, "private key")
}

/// What a certificate says about itself (nothing checked: no signature,
/// no chain).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The subject, most specific first (RFC 4514 order):
    /// `CN=shop.example.com, O=Example Shop, C=FR`.
    pub subject: String,
    /// The subject's common name, when it has one.
    pub common_name: Option<String>,
    /// The DNS names of its Subject Alternative Name extension.
    pub names: Vec<String>,
    /// RFC 3339, UTC (`2026-12-04T16:58:34Z`).
    pub not_before: String,
    /// RFC 3339, UTC: when it expires.
    pub not_after: String,
    /// How many certificates the text holds (the certificate and its
    /// chain).
    pub chain_length: usize,
}

/// The first certificate of `pem`, read; `None` when its shape is wrong or
/// its content is not a certificate this reader understands.
pub fn certificate_info(pem: &str) -> Option<CertificateInfo> {
    let found = blocks(pem).ok()?;
    let certificates: Vec<&Block> = found.iter().filter(|b| b.label == CERTIFICATE).collect();
    let der = BASE64.decode(&certificates.first()?.body).ok()?;
    let mut info = der::certificate(&der)?;
    info.chain_length = certificates.len();
    Some(info)
}

/// A private key's type and size as the API shows it in a domain's
/// `tlskey`: `RSA 2048 bits`, `EC 256 bits`, `Ed25519`; from its PEM label
/// when its content cannot be read (`RSA`, `EC`); `None` otherwise.
pub fn private_key_description(pem: &str) -> Option<String> {
    let found = blocks(pem).ok()?;
    let key = found
        .iter()
        .find(|b| KEY_LABELS.contains(&b.label.as_str()))?;
    let read = BASE64
        .decode(&key.body)
        .ok()
        .and_then(|der| der::key_description(&key.label, &der));
    read.or_else(|| match key.label.as_str() {
        "RSA PRIVATE KEY" => Some("RSA".to_owned()),
        "EC PRIVATE KEY" => Some("EC".to_owned()),
        _ => None,
    })
}

/// Just enough DER to read a certificate's subject, names and dates and a
/// key's algorithm and size.
mod der {
    use super::CertificateInfo;

    const SEQUENCE: u8 = 0x30;
    const SET: u8 = 0x31;
    const INTEGER: u8 = 0x02;
    const OCTET_STRING: u8 = 0x04;
    const OID: u8 = 0x06;
    const UTC_TIME: u8 = 0x17;
    const GENERALIZED_TIME: u8 = 0x18;
    /// `[0]` constructed: a certificate's version, an EC key's curve.
    const CONTEXT_0: u8 = 0xa0;
    /// `[3]` constructed: a certificate's extensions.
    const CONTEXT_3: u8 = 0xa3;
    /// `[2]` primitive in a GeneralName: a dNSName.
    const DNS_NAME: u8 = 0x82;

    const SUBJECT_ALT_NAME: &[u8] = &[0x55, 0x1d, 0x11];
    const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
    const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
    const ED25519: &[u8] = &[0x2b, 0x65, 0x70];
    const CURVES: [(&[u8], u32); 3] = [
        (&[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07], 256),
        (&[0x2b, 0x81, 0x04, 0x00, 0x22], 384),
        (&[0x2b, 0x81, 0x04, 0x00, 0x23], 521),
    ];
    /// Attribute types of a name, with their RFC 4514 short names.
    const ATTRIBUTES: [(&[u8], &str); 7] = [
        (&[0x55, 0x04, 0x03], "CN"),
        (&[0x55, 0x04, 0x06], "C"),
        (&[0x55, 0x04, 0x07], "L"),
        (&[0x55, 0x04, 0x08], "ST"),
        (&[0x55, 0x04, 0x0a], "O"),
        (&[0x55, 0x04, 0x0b], "OU"),
        (
            &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01],
            "emailAddress",
        ),
    ];

    /// A cursor over a run of TLVs.
    struct Reader<'a>(&'a [u8]);

    impl<'a> Reader<'a> {
        fn is_empty(&self) -> bool {
            self.0.is_empty()
        }

        fn peek_tag(&self) -> Option<u8> {
            self.0.first().copied()
        }

        /// The next element: its tag and its content.
        fn next(&mut self) -> Option<(u8, &'a [u8])> {
            let (&tag, rest) = self.0.split_first()?;
            let (&first, rest) = rest.split_first()?;
            let (length, rest) = if first < 0x80 {
                (usize::from(first), rest)
            } else {
                let count = usize::from(first & 0x7f);
                if count == 0 || count > 4 || rest.len() < count {
                    return None;
                }
                let length = rest[..count]
                    .iter()
                    .fold(0usize, |n, &b| (n << 8) | usize::from(b));
                (length, &rest[count..])
            };
            if rest.len() < length {
                return None;
            }
            let (content, rest) = rest.split_at(length);
            self.0 = rest;
            Some((tag, content))
        }

        /// The next element, which must have `tag`.
        fn expect(&mut self, tag: u8) -> Option<&'a [u8]> {
            self.next().filter(|(t, _)| *t == tag).map(|(_, c)| c)
        }
    }

    pub(super) fn certificate(der: &[u8]) -> Option<CertificateInfo> {
        let certificate = Reader(der).expect(SEQUENCE)?;
        let mut tbs = Reader(Reader(certificate).expect(SEQUENCE)?);
        if tbs.peek_tag() == Some(CONTEXT_0) {
            tbs.next()?;
        }
        tbs.expect(INTEGER)?; // serial number
        tbs.expect(SEQUENCE)?; // signature algorithm
        tbs.expect(SEQUENCE)?; // issuer
        let mut validity = Reader(tbs.expect(SEQUENCE)?);
        let not_before = time(validity.next()?)?;
        let not_after = time(validity.next()?)?;
        let (subject, common_name) = name(tbs.expect(SEQUENCE)?)?;
        tbs.expect(SEQUENCE)?; // public key
        let mut names = Vec::new();
        while let Some((tag, content)) = tbs.next() {
            if tag == CONTEXT_3 {
                names = alt_names(content).unwrap_or_default();
            }
        }
        Some(CertificateInfo {
            subject,
            common_name,
            names,
            not_before,
            not_after,
            chain_length: 1,
        })
    }

    /// UTCTime (`YYMMDDHHMMSSZ`) or GeneralizedTime (`YYYYMMDDHHMMSSZ`)
    /// as RFC 3339.
    fn time((tag, content): (u8, &[u8])) -> Option<String> {
        let text = std::str::from_utf8(content).ok()?.strip_suffix('Z')?;
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let full = match tag {
            UTC_TIME if text.len() == 12 && digits(text) => {
                let century = if text[..2] < *"50" { "20" } else { "19" };
                format!("{century}{text}")
            }
            GENERALIZED_TIME if text.len() == 14 && digits(text) => text.to_owned(),
            _ => return None,
        };
        Some(format!(
            "{}-{}-{}T{}:{}:{}Z",
            &full[..4],
            &full[4..6],
            &full[6..8],
            &full[8..10],
            &full[10..12],
            &full[12..14]
        ))
    }

    /// A directory string of any of the usual types.
    fn text((tag, content): (u8, &[u8])) -> Option<String> {
        match tag {
            // BMPString: UTF-16BE.
            0x1e => {
                let units: Vec<u16> = content
                    .chunks_exact(2)
                    .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                    .collect();
                Some(String::from_utf16_lossy(&units))
            }
            // T61String: Latin-1 in practice.
            0x14 => Some(content.iter().map(|&b| char::from(b)).collect()),
            0x0c | 0x13 | 0x16 => Some(String::from_utf8_lossy(content).into_owned()),
            _ => None,
        }
    }

    /// A name as `CN=…, O=…` (most specific first), and its common name.
    fn name(content: &[u8]) -> Option<(String, Option<String>)> {
        let mut parts = Vec::new();
        let mut common_name = None;
        let mut rdns = Reader(content);
        while !rdns.is_empty() {
            let mut attributes = Reader(rdns.expect(SET)?);
            while !attributes.is_empty() {
                let mut attribute = Reader(attributes.expect(SEQUENCE)?);
                let oid = attribute.expect(OID)?;
                let Some(value) = attribute.next().and_then(text) else {
                    continue;
                };
                let Some((_, short)) = ATTRIBUTES.iter().find(|(known, _)| *known == oid) else {
                    continue;
                };
                if *short == "CN" {
                    common_name = Some(value.clone());
                }
                parts.push(format!("{short}={value}"));
            }
        }
        parts.reverse();
        Some((parts.join(", "), common_name))
    }

    /// The dNSNames of the Subject Alternative Name extension.
    fn alt_names(extensions: &[u8]) -> Option<Vec<String>> {
        let mut list = Reader(Reader(extensions).expect(SEQUENCE)?);
        while !list.is_empty() {
            let mut extension = Reader(list.expect(SEQUENCE)?);
            if extension.expect(OID)? != SUBJECT_ALT_NAME {
                continue;
            }
            // `critical` is optional: the value is the last element.
            let mut value = None;
            while let Some((tag, content)) = extension.next() {
                if tag == OCTET_STRING {
                    value = Some(content);
                }
            }
            let mut general_names = Reader(Reader(value?).expect(SEQUENCE)?);
            let mut names = Vec::new();
            while let Some((tag, content)) = general_names.next() {
                if tag == DNS_NAME {
                    names.push(String::from_utf8_lossy(content).into_owned());
                }
            }
            return Some(names);
        }
        Some(Vec::new())
    }

    /// Bits of an unsigned big-endian INTEGER.
    fn bits(integer: &[u8]) -> u32 {
        let significant: Vec<&u8> = integer.iter().skip_while(|b| **b == 0).collect();
        match significant.first() {
            Some(first) => (significant.len() as u32 - 1) * 8 + (8 - first.leading_zeros()),
            None => 0,
        }
    }

    fn curve_bits(oid: &[u8]) -> Option<u32> {
        CURVES
            .iter()
            .find(|(known, _)| *known == oid)
            .map(|(_, bits)| *bits)
    }

    /// PKCS #1 `RSAPrivateKey`: version, then the modulus.
    fn rsa(der: &[u8]) -> Option<String> {
        let mut key = Reader(Reader(der).expect(SEQUENCE)?);
        key.expect(INTEGER)?;
        Some(format!("RSA {} bits", bits(key.expect(INTEGER)?)))
    }

    /// SEC 1 `ECPrivateKey`: version, the key, `[0]` the curve.
    fn ec(der: &[u8]) -> Option<String> {
        let mut key = Reader(Reader(der).expect(SEQUENCE)?);
        key.expect(INTEGER)?;
        key.expect(OCTET_STRING)?;
        while let Some((tag, content)) = key.next() {
            if tag == CONTEXT_0 {
                let curve = Reader(content).expect(OID)?;
                return Some(format!("EC {} bits", curve_bits(curve)?));
            }
        }
        None
    }

    /// PKCS #8: version, the algorithm (and its parameters), the key.
    fn pkcs8(der: &[u8]) -> Option<String> {
        let mut key = Reader(Reader(der).expect(SEQUENCE)?);
        key.expect(INTEGER)?;
        let mut algorithm = Reader(key.expect(SEQUENCE)?);
        let oid = algorithm.expect(OID)?;
        if oid == RSA_ENCRYPTION {
            rsa(key.expect(OCTET_STRING)?)
        } else if oid == EC_PUBLIC_KEY {
            let curve = algorithm.expect(OID)?;
            Some(format!("EC {} bits", curve_bits(curve)?))
        } else if oid == ED25519 {
            Some("Ed25519".to_owned())
        } else {
            None
        }
    }

    pub(super) fn key_description(label: &str, der: &[u8]) -> Option<String> {
        match label {
            "RSA PRIVATE KEY" => rsa(der),
            "EC PRIVATE KEY" => ec(der),
            _ => pkcs8(der),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EC_CERT: &str = include_str!("../testdata/tls/ec.crt");
    const EC_KEY: &str = include_str!("../testdata/tls/ec.key");
    const EC_TRADITIONAL_KEY: &str = include_str!("../testdata/tls/ec-trad.key");
    const RSA_CERT: &str = include_str!("../testdata/tls/rsa.crt");
    const RSA_KEY: &str = include_str!("../testdata/tls/rsa.key");
    const RSA_TRADITIONAL_KEY: &str = include_str!("../testdata/tls/rsa-trad.key");

    fn one(errors: Vec<String>) -> String {
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.into_iter().next().unwrap()
    }

    #[test]
    fn real_certificates_and_keys_pass() {
        for cert in [EC_CERT, RSA_CERT] {
            assert!(certificate_errors(cert).is_empty());
        }
        // A chain, with openssl's text around the blocks and CRLF lines.
        let chain =
            format!("subject=CN = shop\n{EC_CERT}\nissuer=…\n{RSA_CERT}").replace('\n', "\r\n");
        assert!(certificate_errors(&chain).is_empty());
        for key in [EC_KEY, EC_TRADITIONAL_KEY, RSA_KEY, RSA_TRADITIONAL_KEY] {
            assert!(private_key_errors(key).is_empty(), "{key}");
        }
        let with_parameters =
            format!("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n{EC_TRADITIONAL_KEY}");
        assert!(private_key_errors(&with_parameters).is_empty());
        // Shape only: any base64 will do.
        let shaped = "-----BEGIN CERTIFICATE-----\nTUlJQmR1bW15\n-----END CERTIFICATE-----";
        assert!(certificate_errors(shaped).is_empty());
        assert_eq!(certificate_info(shaped), None);
    }

    #[test]
    fn each_mistake_has_its_message() {
        assert_eq!(certificate_errors(" \n"), ["can't be blank"]);
        assert_eq!(private_key_errors(""), ["can't be blank"]);
        assert!(
            one(certificate_errors(EC_KEY)).starts_with("This is a private key, not a certificate")
        );
        assert!(one(certificate_errors(&format!("{EC_CERT}{EC_KEY}")))
            .starts_with("Remove the private key from the certificate field"));
        assert!(one(private_key_errors(EC_CERT))
            .starts_with("This is a certificate, not a private key"));
        let cut = &EC_CERT[..EC_CERT.find("-----END").unwrap()];
        assert!(one(certificate_errors(cut)).starts_with("The END CERTIFICATE line is missing"));
        let headless = &EC_CERT[EC_CERT.find('\n').unwrap()..];
        assert!(
            one(certificate_errors(headless)).starts_with("The BEGIN CERTIFICATE line is missing")
        );
        assert!(one(certificate_errors("MIICCDCCAa6gAwIBAgIU"))
            .starts_with("The BEGIN CERTIFICATE line is missing: paste the certificate in PEM"));
        let damaged = EC_CERT.replacen("MIIC", "MI!C", 1);
        assert_eq!(
            one(certificate_errors(&damaged)),
            "The certificate is damaged: line 2 has characters that are not base64"
        );
        let short = "-----BEGIN CERTIFICATE-----\nTUlJQ\n-----END CERTIFICATE-----";
        assert!(one(certificate_errors(short)).contains("base64 is incomplete"));
        let empty = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----";
        assert!(one(certificate_errors(empty)).contains("is empty"));
        let mixed = "-----BEGIN CERTIFICATE-----\nTUlJQmR1bW15\n-----END PRIVATE KEY-----";
        assert!(one(certificate_errors(mixed)).contains("two blocks were mixed up"));
        let csr =
            "-----BEGIN CERTIFICATE REQUEST-----\nTUlJQmR1bW15\n-----END CERTIFICATE REQUEST-----";
        assert!(one(certificate_errors(csr)).contains("certificate signing request"));
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nTUlJQmR1bW15\n-----END ENCRYPTED PRIVATE KEY-----";
        assert!(one(private_key_errors(encrypted)).contains("passphrase"));
        let old_encrypted = RSA_TRADITIONAL_KEY.replacen(
            "KEY-----\n",
            "KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n",
            1,
        );
        assert!(one(private_key_errors(&old_encrypted)).contains("passphrase"));
        let openssh =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nTUlJQmR1bW15\n-----END OPENSSH PRIVATE KEY-----";
        assert!(one(private_key_errors(openssh))
            .starts_with("Keys of type OPENSSH PRIVATE KEY are not supported"));
        assert!(one(private_key_errors(&format!("{EC_KEY}{RSA_KEY}")))
            .starts_with("Paste one private key only"));
        let public = "-----BEGIN PUBLIC KEY-----\nTUlJQmR1bW15\n-----END PUBLIC KEY-----";
        assert!(one(private_key_errors(public)).starts_with("This is a public key"));
        assert!(
            one(private_key_errors("hello")).starts_with("The BEGIN PRIVATE KEY line is missing")
        );
    }

    #[test]
    fn certificates_are_read() {
        let ec = certificate_info(EC_CERT).unwrap();
        assert_eq!(ec.subject, "CN=shop.example.com, O=Example Shop, C=FR");
        assert_eq!(ec.common_name.as_deref(), Some("shop.example.com"));
        assert_eq!(ec.names, ["shop.example.com", "www.shop.example.com"]);
        assert_eq!(ec.not_before, "2026-12-04T16:58:34Z");
        assert_eq!(ec.not_after, "2036-12-01T16:58:34Z");
        assert_eq!(ec.chain_length, 1);
        let rsa = certificate_info(&format!("{RSA_CERT}{EC_CERT}")).unwrap();
        assert_eq!(rsa.subject, "CN=api.example.org");
        assert!(rsa.names.is_empty());
        // After 2049: a GeneralizedTime.
        assert_eq!(rsa.not_after, "2054-04-21T16:58:34Z");
        assert_eq!(rsa.chain_length, 2);
        // Truncated DER does not panic.
        let der = BASE64
            .decode(blocks(EC_CERT).unwrap()[0].body.as_bytes())
            .unwrap();
        for cut in 0..der.len() {
            let _ = der::certificate(&der[..cut]);
        }
    }

    proptest::proptest! {
        /// Whatever the bytes between the markers, reading them never
        /// panics (a panic in WebAssembly takes the dashboard down).
        #[test]
        fn any_content_reads_or_fails_cleanly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
            let body = BASE64.encode(&bytes);
            for label in ["CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"] {
                let pem = format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
                let _ = (certificate_errors(&pem), private_key_errors(&pem));
                let _ = (certificate_info(&pem), private_key_description(&pem));
            }
            // Real DER with one byte changed.
            let mut der = BASE64.decode(blocks(EC_CERT).unwrap()[0].body.as_bytes()).unwrap();
            if let Some(first) = bytes.first() {
                let at = usize::from(*first) * der.len() / 256;
                der[at] ^= bytes.get(1).copied().unwrap_or(0xff);
                let _ = der::certificate(&der);
            }
        }
    }

    #[test]
    fn keys_are_described() {
        assert_eq!(
            private_key_description(EC_KEY).as_deref(),
            Some("EC 256 bits")
        );
        assert_eq!(
            private_key_description(EC_TRADITIONAL_KEY).as_deref(),
            Some("EC 256 bits")
        );
        assert_eq!(
            private_key_description(RSA_KEY).as_deref(),
            Some("RSA 1024 bits")
        );
        assert_eq!(
            private_key_description(RSA_TRADITIONAL_KEY).as_deref(),
            Some("RSA 1024 bits")
        );
        let unreadable =
            "-----BEGIN RSA PRIVATE KEY-----\nTUlJQmR1bW15\n-----END RSA PRIVATE KEY-----";
        assert_eq!(private_key_description(unreadable).as_deref(), Some("RSA"));
        assert_eq!(private_key_description(EC_CERT), None);
    }
}
