//! The capturista password policy: at least 10 characters (the floor; length is what
//! makes a password strong, NIST SP 800-63B §5.1.1), at most 128, not the CURP itself, not one
//! character repeated. The hashing (Argon2id) is the server's.

use crate::domain::error::{DomainError, ErrorCode};

/// The minimum length, in characters.
pub const MINIMO: usize = 10;
/// The maximum length, in characters (bounds the hashing work).
pub const MAXIMO: usize = 128;

/// A password that meets the policy.
pub struct Contrasena<'a>(&'a str);

impl std::fmt::Debug for Contrasena<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print a password, not even in a test failure or a log line.
        f.write_str("Contrasena(***)")
    }
}

/// Why a password was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ContrasenaError {
    /// Fewer than 10 characters.
    #[error("La contraseña debe tener al menos 10 caracteres (tiene {0}). Una frase de varias palabras es fácil de recordar y difícil de adivinar.")]
    Corta(usize),
    /// More than 128 characters.
    #[error("La contraseña puede tener hasta 128 caracteres (tiene {0}).")]
    Larga(usize),
    /// The CURP, or one character repeated.
    #[error("La contraseña es demasiado fácil de adivinar (no uses tu CURP ni un solo carácter repetido).")]
    Obvia,
}

impl DomainError for ContrasenaError {
    fn code(&self) -> ErrorCode {
        ErrorCode::PasswordPolicy
    }
}

impl<'a> Contrasena<'a> {
    /// Checks a new password for the capturista with this CURP.
    pub fn validar(texto: &'a str, curp: &str) -> Result<Self, ContrasenaError> {
        let n = texto.chars().count();
        if n < MINIMO {
            return Err(ContrasenaError::Corta(n));
        }
        if n > MAXIMO {
            return Err(ContrasenaError::Larga(n));
        }
        let mut chars = texto.chars();
        let primero = chars.next();
        if texto.trim().eq_ignore_ascii_case(curp.trim()) || chars.all(|c| Some(c) == primero) {
            return Err(ContrasenaError::Obvia);
        }
        Ok(Contrasena(texto))
    }

    /// The password.
    pub fn as_str(&self) -> &str {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURP: &str = "GODE561231HDFRRN04";

    #[test]
    fn ten_characters_is_the_floor() {
        assert_eq!(
            Contrasena::validar("corta123", CURP).err(),
            Some(ContrasenaError::Corta(8))
        );
        assert!(Contrasena::validar("año nuevo 26", CURP).is_ok());
        assert!(Contrasena::validar(&"x".repeat(129), CURP).is_err());
    }

    #[test]
    fn the_curp_or_a_repeated_character_is_refused() {
        assert_eq!(
            Contrasena::validar("gode561231hdfrrn04", CURP).err(),
            Some(ContrasenaError::Obvia)
        );
        assert_eq!(
            Contrasena::validar("aaaaaaaaaaaa", CURP).err(),
            Some(ContrasenaError::Obvia)
        );
        assert_eq!(
            Contrasena::validar("aaaaaaaaaaaa", CURP)
                .unwrap_err()
                .code(),
            ErrorCode::PasswordPolicy
        );
    }
}
