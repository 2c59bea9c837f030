// Part of the gcsim program when tcmalloc is its allocator (CMakeLists.txt, gcsim-allocator):
// the heap grows in 2 MB-aligned chunks that the kernel may back with transparent huge pages.
//
// A large network is millions of small ns-3 objects; at 100,000 hosts a fifth of the run was
// tcmalloc carving fresh memory into objects and the kernel faulting it in 4 KB at a time
// (bench/README.md). Where transparent huge pages are "madvise" (Debian's default) or
// "always", one fault maps 2 MB. Where they are "never", this changes nothing. Results never
// depend on it: only where the heap's pages come from.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <gperftools/malloc_extension.h>
#include <sys/mman.h>

namespace
{

constexpr std::size_t kHugePage = std::size_t(2) << 20;
/// The least the heap grows by: 8 huge pages, so that most of each chunk can be huge.
constexpr std::size_t kMinChunk = 8 * kHugePage;

class HugePageAllocator : public SysAllocator
{
public:
    explicit HugePageAllocator(SysAllocator* fallback)
      : m_fallback(fallback)
    {
    }

    void* Alloc(std::size_t size, std::size_t* actualSize, std::size_t alignment) override
    {
        if (alignment > kHugePage || size > (std::size_t(1) << 40))
        {
            return m_fallback->Alloc(size, actualSize, alignment);
        }
        std::size_t want = std::max(kMinChunk, (size + kHugePage - 1) / kHugePage * kHugePage);
        // Map one huge page more than wanted, then give back the unaligned head and tail.
        void* mapped = mmap(nullptr, want + kHugePage, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped == MAP_FAILED)
        {
            return m_fallback->Alloc(size, actualSize, alignment);
        }
        auto start = reinterpret_cast<std::uintptr_t>(mapped);
        std::uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
        if (aligned > start)
        {
            munmap(mapped, aligned - start);
        }
        std::uintptr_t end = start + want + kHugePage;
        if (end > aligned + want)
        {
            munmap(reinterpret_cast<void*>(aligned + want), end - (aligned + want));
        }
        madvise(reinterpret_cast<void*>(aligned), want, MADV_HUGEPAGE);
        if (actualSize)
        {
            *actualSize = want;
        }
        return reinterpret_cast<void*>(aligned);
    }

private:
    SysAllocator* m_fallback;
};

/// Installs the allocator before main() runs (the program's first large allocations are
/// ns-3's type registry, then the network).
struct Install
{
    Install()
    {
        MallocExtension* extension = MallocExtension::instance();
        if (SysAllocator* fallback = extension->GetSystemAllocator())
        {
            static HugePageAllocator allocator(fallback);
            extension->SetSystemAllocator(&allocator);
        }
    }
} install;

} // namespace
