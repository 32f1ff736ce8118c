#if canImport(Glibc)
    import Glibc
#endif

/// The allocator setting of a batch run.
public enum BatchMemory {
    /// Keeps up to 64 MB of freed heap memory for reuse instead of handing it back to the system
    /// as soon as 128 KB lie free at the top of the heap (glibc's default). Each page allocates and
    /// frees buffers the size of its text; with the default the heap shrinks after a large page
    /// and grows again with the next, and every regrowth costs fresh zeroed pages from the kernel:
    /// about 19 page faults per bench page, against 1 with this setting. Peak memory is unchanged.
    public static func keepFreedMemory() {
        #if canImport(Glibc)
            // mallopt is declared in <malloc.h>, which the Glibc module leaves out; M_TRIM_THRESHOLD is -1.
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            _ = unsafeBitCast(symbol, to: Mallopt.self)(-1, 64 << 20)
        #endif
    }
}
