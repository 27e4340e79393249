//! Encryption of a handed-out folder, so that a lost USB stick or a forwarded email does
//! not give the family's pages away: each page (and each file it offers) is sealed with
//! AES-256-GCM under a key made from the passphrase with PBKDF2-HMAC-SHA256, 600,000 rounds
//! and a random salt per export; each sealed item has a random 96-bit nonce, and its output
//! path as associated data, so items cannot be swapped. RustCrypto does the cryptography; the
//! browser opens the pages with WebCrypto (`assets/unlock.js`).

use aes_gcm::aead::{Aead, KeyInit, OsRng, Payload, rand_core::RngCore};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use sha2::Sha256;

/// Rounds of PBKDF2 (OWASP's advice for PBKDF2-HMAC-SHA256, 2023).
pub const ITERATIONS: u32 = 600_000;
/// Shorter passphrases get a warning.
pub const MIN_LENGTH: usize = 12;

const COMMON: &str = include_str!("common.txt");

/// A key made from a passphrase, and the salt it was made with.
pub struct Sealer {
    cipher: Aes256Gcm,
    salt: [u8; 16],
}

/// One sealed item, as the unlock page carries it.
#[derive(serde::Serialize)]
pub struct Sealed {
    /// The item's output path: the associated data it was sealed with.
    pub path: String,
    pub nonce: String,
    pub data: String,
}

impl Sealer {
    /// A new key from `passphrase`, with a fresh random salt.
    pub fn new(passphrase: &str) -> Sealer {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
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

    /// Seal `plain`, bound to its output path.
    pub fn seal(&self, path: &str, plain: &[u8]) -> Result<Sealed, String> {
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let data = self
            .cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: path.as_bytes(),
                },
            )
            .map_err(|_| format!("{path} kunne ikke krypteres"))?;
        Ok(Sealed {
            path: path.to_string(),
            nonce: B64.encode(nonce),
            data: B64.encode(data),
        })
    }
}

/// What is weak about a passphrase, in Danish, if anything.
pub fn weakness(passphrase: &str) -> Option<String> {
    let lower = passphrase.trim().to_lowercase();
    if COMMON.lines().any(|w| w.trim() == lower) {
        return Some(
            "adgangskoden er en af de mest brugte og kan gættes på sekunder. Vælg en anden, fx fire tilfældige ord.".into(),
        );
    }
    let n = passphrase.chars().count();
    if n < MIN_LENGTH {
        return Some(format!(
            "adgangskoden har kun {n} tegn. Brug mindst {MIN_LENGTH}, fx fire tilfældige ord."
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use aes_gcm::aead::Aead;

    #[test]
    fn sealed_items_open_with_the_key_and_their_own_path_only() {
        let s = Sealer::with_salt("en lang og god sætning", [7; 16]);
        let sealed = s.seal("familier/a/vores-plan.html", b"<p>Hej</p>").unwrap();
        let nonce = B64.decode(&sealed.nonce).unwrap();
        let data = B64.decode(&sealed.data).unwrap();
        assert_eq!(nonce.len(), 12);
        let open = |path: &str, key: &Sealer| {
            key.cipher.decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &data,
                    aad: path.as_bytes(),
                },
            )
        };
        assert_eq!(
            open("familier/a/vores-plan.html", &s).unwrap(),
            b"<p>Hej</p>"
        );
        assert!(open("familier/a/rejse.html", &s).is_err());
        let wrong = Sealer::with_salt("en anden sætning", [7; 16]);
        assert!(open("familier/a/vores-plan.html", &wrong).is_err());
        // Two seals of the same text differ (a fresh nonce each time).
        let again = s.seal("familier/a/vores-plan.html", b"<p>Hej</p>").unwrap();
        assert_ne!(again.data, sealed.data);
    }

    #[test]
    fn weak_passphrases_are_named() {
        assert!(weakness("kodeord123").is_some());
        assert!(weakness("Sommer2026").is_some());
        assert!(weakness("kort").unwrap().contains("4 tegn"));
        assert!(weakness("hest batteri klips blå").is_none());
    }
}
