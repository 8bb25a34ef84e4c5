//! Template values made once and shared: parts of a page's context that are
//! the same on many pages (the closed entries of the navigation, the site's
//! header and footer facts at one folder depth). A `tera::Value` shares its
//! contents when cloned, so a page takes them without copying or
//! serialising them again.

use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;
use tera::Value;

/// Values by key, each made on first use (safe to share between threads).
pub(crate) struct Made<K>(Mutex<FxHashMap<K, Value>>);

impl<K> Default for Made<K> {
    fn default() -> Self {
        Made(Mutex::new(FxHashMap::default()))
    }
}

impl<K: Hash + Eq> Made<K> {
    /// The value of `key`, made by `make` the first time it is asked for.
    pub(crate) fn get(&self, key: K, make: impl FnOnce() -> Value) -> Value {
        let lock = || self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = lock().get(&key) {
            return known.clone();
        }
        // Made outside the lock; two threads may both make it, alike.
        let made = make();
        lock().entry(key).or_insert(made).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_made_once_per_key() {
        let made: Made<usize> = Made::default();
        let calls = std::cell::Cell::new(0);
        let get = |k: usize| {
            made.get(k, || {
                calls.set(calls.get() + 1);
                Value::from(k)
            })
        };
        assert_eq!(get(1), Value::from(1usize));
        assert_eq!(get(1), Value::from(1usize));
        assert_eq!(get(2), Value::from(2usize));
        assert_eq!(calls.get(), 2);
    }
}
