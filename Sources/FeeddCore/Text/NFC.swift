/// Unicode Normalization Form C (UAX #15) on UTF-8, from our own tables (`NFCTables`, generated from the
/// UCD), without Foundation: Foundation's `precomposedStringWithCanonicalMapping` bridges every string to
/// NSString and back, and was a third of `feedd run`'s CPU on non-ASCII pages.
///
/// Text is cut into segments, each starting at a scalar that is NFC_Quick_Check=Yes with combining class 0
/// (nothing before it can combine with it or move past it). A segment whose scalars all pass the quick check
/// in canonical order is already NFC and is copied as it is; only the others are decomposed, reordered
/// and recomposed. Text that is NFC throughout (nearly all of it) comes back untouched, without a copy.
package enum NFC {
    /// `text` in NFC.
    package static func normalize(_ text: String) -> String {
        var text = text
        guard let normalized = text.withUTF8({ normalized($0) }) else { return text }
        return String(decoding: normalized, as: UTF8.self)
    }

    /// True when `text` is NFC already.
    package static func isNormalized(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { normalized($0) == nil }
    }

    /// The NFC form of valid UTF-8 `bytes`, or nil when they are NFC already.
    static func normalized(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var changed = false
        var copied = 0  // bytes before this are in `out` (once `changed`)
        var segmentStart = 0
        var segmentNeedsWork = false
        var lastClass: UInt16 = 0
        var scratch = Scratch()
        let lookup = propertyTable  // once: each access to a static checks that it is initialized
        let n = bytes.count
        var i = 0
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                // ASCII: every byte starts a segment; a run of them ends the one before.
                if segmentNeedsWork {
                    flush(bytes, segmentStart..<i, &out, &copied, &changed, &scratch)
                    segmentNeedsWork = false
                }
                i += 1
                while i < n && bytes[i] < 0x80 { i += 1 }
                segmentStart = i - 1
                lastClass = 0
                continue
            }
            if lead < 0xCC {
                // U+0080–U+02FF (Latin, IPA, spacing modifiers): all stable, no table needed.
                if segmentNeedsWork {
                    flush(bytes, segmentStart..<i, &out, &copied, &changed, &scratch)
                    segmentNeedsWork = false
                }
                segmentStart = i
                lastClass = 0
                i += 2
                continue
            }
            let (scalar, length) = decode(bytes, at: i)
            let property = lookup(scalar)
            let combiningClass = property & 0xFF
            if property & quickCheckMask == 0 && combiningClass == 0 {
                if segmentNeedsWork {
                    flush(bytes, segmentStart..<i, &out, &copied, &changed, &scratch)
                    segmentNeedsWork = false
                }
                segmentStart = i
            } else if property & quickCheckMask != 0 || (combiningClass != 0 && lastClass > combiningClass) {
                segmentNeedsWork = true
            }
            lastClass = combiningClass
            i += length
        }
        if segmentNeedsWork { flush(bytes, segmentStart..<n, &out, &copied, &changed, &scratch) }
        guard changed else { return nil }
        out.append(contentsOf: bytes[copied..<n])
        return out
    }

    /// Normalizes `segment`; when that changes it, appends what precedes it as it is, then the new form.
    /// (A segment with a quick-check Maybe is often NFC already: a Bengali vowel sign after its consonant.)
    private static func flush(_ bytes: UnsafeBufferPointer<UInt8>, _ segment: Range<Int>, _ out: inout [UInt8],
                              _ copied: inout Int, _ changed: inout Bool, _ scratch: inout Scratch) {
        scratch.scalars.removeAll(keepingCapacity: true)
        var i = segment.lowerBound
        while i < segment.upperBound {
            let (scalar, length) = decode(bytes, at: i)
            decompose(scalar, into: &scratch.scalars)
            i += length
        }
        reorder(&scratch.scalars)
        compose(&scratch.scalars)
        scratch.bytes.removeAll(keepingCapacity: true)
        for scalar in scratch.scalars { appendUTF8(scalar, to: &scratch.bytes) }
        guard !scratch.bytes.elementsEqual(bytes[segment]) else { return }
        if !changed {
            changed = true
            out.reserveCapacity(bytes.count + 16)
        }
        out.append(contentsOf: bytes[copied..<segment.lowerBound])
        out.append(contentsOf: scratch.bytes)
        copied = segment.upperBound
    }

    /// Buffers one segment's normalization works in, reused from segment to segment.
    private struct Scratch {
        var scalars: [UInt32] = []
        var bytes: [UInt8] = []
    }

    // MARK: - Properties

    private static let quickCheckMask: UInt16 = 0x300
    private static let decompositionFlag: UInt16 = 0x400

    /// `ccc | quickCheck << 8 | hasDecomposition << 10` of `scalar` (see `NFCTables.properties`).
    @inline(__always) static func property(_ scalar: UInt32) -> UInt16 { propertyTable(scalar) }

    private static let propertyTable = PropertyTable()

    /// The two-stage table of `NFCTables`, held together so the fast path fetches it once.
    private struct PropertyTable {
        let stage1 = NFCTables.stage1
        let stage2 = NFCTables.stage2
        let properties = NFCTables.properties

        @inline(__always) func callAsFunction(_ scalar: UInt32) -> UInt16 {
            guard scalar < NFCTables.limit else { return 0 }
            let shift = Int(NFCTables.blockShift)
            let block = Int(stage1[Int(scalar) >> shift])
            return properties[Int(stage2[block << shift | (Int(scalar) & ((1 << shift) - 1))])]
        }
    }

    /// The canonical combining class of `scalar`.
    static func combiningClass(_ scalar: UInt32) -> UInt16 { property(scalar) & 0xFF }

    // MARK: - Decomposition, ordering, composition

    private static let hangulBase: UInt32 = 0xAC00, leadBase: UInt32 = 0x1100, vowelBase: UInt32 = 0x1161
    private static let trailBase: UInt32 = 0x11A7, vowelCount: UInt32 = 21, trailCount: UInt32 = 28
    private static let hangulCount: UInt32 = 11172, leadCount: UInt32 = 19

    /// Appends the full canonical decomposition of `scalar`.
    private static func decompose(_ scalar: UInt32, into out: inout [UInt32]) {
        if scalar >= hangulBase && scalar < hangulBase + hangulCount {
            let index = scalar - hangulBase
            out.append(leadBase + index / (vowelCount * trailCount))
            out.append(vowelBase + (index % (vowelCount * trailCount)) / trailCount)
            if index % trailCount != 0 { out.append(trailBase + index % trailCount) }
            return
        }
        guard property(scalar) & decompositionFlag != 0, let k = search(NFCTables.decomposed, scalar) else {
            out.append(scalar)
            return
        }
        let mapping = NFCTables.decompositions[k]
        decompose(UInt32(mapping >> 21), into: &out)
        let second = UInt32(mapping & 0x1F_FFFF)
        if second != 0 { decompose(second, into: &out) }
    }

    /// Canonical ordering: each run of non-starters sorted by combining class, stably.
    private static func reorder(_ scalars: inout [UInt32]) {
        guard scalars.count > 1 else { return }
        for k in 1..<scalars.count {
            let scalar = scalars[k]
            let scalarClass = combiningClass(scalar)
            guard scalarClass != 0 else { continue }
            var j = k
            while j > 0 {
                let previousClass = combiningClass(scalars[j - 1])
                guard previousClass > scalarClass else { break }
                scalars[j] = scalars[j - 1]
                j -= 1
            }
            scalars[j] = scalar
        }
    }

    /// Canonical composition: each scalar joins the last starter unless blocked (a scalar between them with
    /// class 0 or a class at least its own).
    private static func compose(_ scalars: inout [UInt32]) {
        guard scalars.count > 1 else { return }
        var starter: Int? = combiningClass(scalars[0]) == 0 ? 0 : nil
        var lastClass = combiningClass(scalars[0])
        var written = 1
        for k in 1..<scalars.count {
            let scalar = scalars[k]
            let scalarClass = combiningClass(scalar)
            if let starter, lastClass < scalarClass || lastClass == 0,
                let composite = composite(scalars[starter], scalar)
            {
                scalars[starter] = composite
                continue
            }
            if scalarClass == 0 { starter = written }
            lastClass = scalarClass
            scalars[written] = scalar
            written += 1
        }
        scalars.removeLast(scalars.count - written)
    }

    /// The primary composite of `first` and `second`, if any.
    private static func composite(_ first: UInt32, _ second: UInt32) -> UInt32? {
        if first >= leadBase && first < leadBase + leadCount && second >= vowelBase && second < vowelBase + vowelCount {
            return hangulBase + ((first - leadBase) * vowelCount + (second - vowelBase)) * trailCount
        }
        if first >= hangulBase && first < hangulBase + hangulCount && (first - hangulBase) % trailCount == 0
            && second > trailBase && second < trailBase + trailCount
        {
            return first + (second - trailBase)
        }
        guard first < 0x20_0000, second < 0x20_0000,
            let k = search(NFCTables.compositionPairs, UInt64(first) << 21 | UInt64(second))
        else { return nil }
        return NFCTables.composites[k]
    }

    /// The index of `key` in the sorted `table`.
    private static func search<T: BinaryInteger>(_ table: [T], _ key: T) -> Int? {
        var low = 0
        var high = table.count
        while low < high {
            let middle = (low + high) / 2
            if table[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < table.count && table[low] == key ? low : nil
    }

    // MARK: - UTF-8

    /// The scalar at `i` of valid UTF-8 and its length in bytes.
    @inline(__always) private static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let lead = UInt32(b[i])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3)
        }
        let high = (lead & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12
        return (high | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        if scalar < 0x80 {
            out.append(UInt8(scalar))
        } else if scalar < 0x800 {
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        } else if scalar < 0x10000 {
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
