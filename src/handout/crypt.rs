//! Encryption of a handed-out folder, so that a lost USB stick or a forwarded email does
//! not give the family's pages away: each page (and each file it offers) is sealed with
//! AES-256-GCM under a key made from the passphrase with PBKDF2-HMAC-SHA256, 600,000 rounds
//! and a random salt per export; each sealed item has a random 96-bit nonce. Its associated
//! data ([`associated`]) binds it to what it is (a page, or a file a page offers), to the
//! page it belongs to and its own path in the folder, and to the salt and the number of
//! rounds: an item moved to another page or path, or a page whose salt or rounds were
//! changed, does not open. RustCrypto does the cryptography; the browser opens the pages
//! with WebCrypto (`assets/unlock.js`), which also checks that a page stands where its
//! sealed path says.

use aes_gcm::aead::{Aead, KeyInit, OsRng, Payload, rand_core::RngCore};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use sha2::Sha256;

/// Rounds of PBKDF2 (OWASP's advice for PBKDF2-HMAC-SHA256, 2023).
pub const ITERATIONS: u32 = 600_000;
/// The version of the sealed format (the `v` of the sealed data).
pub const VERSION: u32 = 2;

/// What a sealed item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The page itself.
    Page,
    /// A file the page offers (its PDF, a picture it shows).
    File,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Page => "side",
            Kind::File => "fil",
        }
    }
}

/// A key made from a passphrase, and the salt it was made with.
pub struct Sealer {
    cipher: Aes256Gcm,
    salt: [u8; 16],
}

/// One sealed item, as the unlock page carries it.
#[derive(serde::Serialize)]
pub struct Sealed {
    /// The item's output path.
    pub path: String,
    pub nonce: String,
    pub data: String,
}

/// The associated data an item is sealed with: the format's version, what the item is, the
/// page it belongs to, its own path, the salt (base64) and the rounds, one per line.
pub fn associated(kind: Kind, page: &str, path: &str, salt: &str, iterations: u32) -> String {
    format!(
        "trinvis-udlevering/{VERSION}\n{}\n{page}\n{path}\n{salt}\n{iterations}",
        kind.name()
    )
}

impl Sealer {
    /// A new key from `passphrase`, with a fresh random salt.
    pub fn new(passphrase: &str) -> Sealer {
        let mut salt = [0u8; 16];
        // Drawn again in the rare case its base64 reads like a CPR number.
        while {
            OsRng.fill_bytes(&mut salt);
            !crate::cpr::find_cpr(&B64.encode(salt)).is_empty()
        } {}
        Sealer::with_salt(passphrase, salt)
    }

    fn with_salt(passphrase: &str, salt: [u8; 16]) -> Sealer {
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.as_bytes(), &salt, ITERATIONS, &mut key);
        Sealer {
            cipher: Aes256Gcm::new(&key.into()),
            salt,
        }
    }

    pub fn salt(&self) -> String {
        B64.encode(self.salt)
    }

    /// Seal `plain`: an item of `kind` at `path`, belonging to the page at `page`. Sealed
    /// bytes are noise, and in base64 ten digits in a row that read as a date now and then
    /// come out (about once in 300 MB): such an item is sealed again under a new nonce, so
    /// that no sealed page looks as if it held a CPR number.
    pub fn seal(&self, kind: Kind, page: &str, path: &str, plain: &[u8]) -> Result<Sealed, String> {
        let aad = associated(kind, page, path, &self.salt(), ITERATIONS);
        loop {
            let mut nonce = [0u8; 12];
            OsRng.fill_bytes(&mut nonce);
            let data = self
                .cipher
                .encrypt(
                    Nonce::from_slice(&nonce),
                    Payload {
                        msg: plain,
                        aad: aad.as_bytes(),
                    },
                )
                .map_err(|_| format!("{path} kunne ikke krypteres"))?;
            let sealed = Sealed {
                path: path.to_string(),
                nonce: B64.encode(nonce),
                data: B64.encode(data),
            };
            if crate::cpr::find_cpr(&sealed.data).is_empty()
                && crate::cpr::find_cpr(&sealed.nonce).is_empty()
            {
                return Ok(sealed);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aes_gcm::aead::Aead;

    #[test]
    fn sealed_items_open_only_as_what_they_are_where_they_are() {
        let s = Sealer::with_salt("en lang og god sætning", [7; 16]);
        let page = "familier/a/vores-plan.html";
        let sealed = s.seal(Kind::Page, page, page, b"<p>Hej</p>").unwrap();
        let nonce = B64.decode(&sealed.nonce).unwrap();
        let data = B64.decode(&sealed.data).unwrap();
        assert_eq!(nonce.len(), 12);
        let open = |aad: String, key: &Sealer| {
            key.cipher.decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &data,
                    aad: aad.as_bytes(),
                },
            )
        };
        let salt = s.salt();
        assert_eq!(
            open(associated(Kind::Page, page, page, &salt, ITERATIONS), &s).unwrap(),
            b"<p>Hej</p>"
        );
        // Another page, another kind, another salt or number of rounds: nothing.
        let journey = "familier/a/rejse.html";
        assert!(
            open(
                associated(Kind::Page, journey, journey, &salt, ITERATIONS),
                &s
            )
            .is_err()
        );
        assert!(open(associated(Kind::File, page, page, &salt, ITERATIONS), &s).is_err());
        assert!(
            open(
                associated(Kind::Page, page, page, &B64.encode([8; 16]), ITERATIONS),
                &s
            )
            .is_err()
        );
        assert!(open(associated(Kind::Page, page, page, &salt, 1000), &s).is_err());
        let wrong = Sealer::with_salt("en anden sætning", [7; 16]);
        assert!(
            open(
                associated(Kind::Page, page, page, &salt, ITERATIONS),
                &wrong
            )
            .is_err()
        );
        // Two seals of the same text differ (a fresh nonce each time).
        let again = s.seal(Kind::Page, page, page, b"<p>Hej</p>").unwrap();
        assert_ne!(again.data, sealed.data);
    }
}
