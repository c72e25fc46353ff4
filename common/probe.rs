
/// `implements!(T: Send)` is `true` exactly when the compiler finds `T: Send` (any
/// trait may stand after the colon): the answer is computed, never typed in.
///
/// How (autoref-based specialization): `(&Probe::<T>(..)).answer()` has two candidate
/// methods, and method lookup tries the receiver as written, `&Probe<T>`, before it
/// adds another `&`. `Yes::answer` takes `&Probe<T>` but exists only when the bound
/// holds: then it wins and says `true`. `No::answer` takes `&&Probe<T>`, one autoref
/// further, and always exists: the fallback, `false`. The choice is made at compile
/// time for the concrete type in the call, which is why this is a macro and not a
/// generic function (inside one, `T: Send` is unknown and the fallback always wins).
/// Copy the whole macro: it is the probe, and nothing of it works alone.
macro_rules! implements {
    ($t:ty: $bound:path) => {{
        struct Probe<T: ?Sized>(::std::marker::PhantomData<T>);
        #[allow(dead_code)] // called only when the bound holds
        trait Yes {
            fn answer(&self) -> bool {
                true
            }
        }
        impl<T: ?Sized + $bound> Yes for Probe<T> {}
        #[allow(dead_code)] // called only when it does not
        trait No {
            fn answer(&self) -> bool {
                false
            }
        }
        impl<T: ?Sized> No for &Probe<T> {}
        (&Probe::<$t>(::std::marker::PhantomData)).answer()
    }};
}

