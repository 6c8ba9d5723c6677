extension RandomAccessCollection where Index == Int {
    /// The first index whose element satisfies `isAfter`, by binary search: the collection must
    /// be partitioned (every element failing it before every element satisfying it).
    func partitioningIndex(where isAfter: (Element) -> Bool) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if isAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
