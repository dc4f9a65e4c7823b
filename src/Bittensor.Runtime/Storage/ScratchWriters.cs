using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Storage;

/// <summary>
/// One reusable <see cref="ScaleWriter"/> per thread for storage keys and values, so encoding a key to look it up
/// allocates nothing and encoding one to store it allocates only the stored array. Rent and return around a
/// synchronous piece of work; a nested rent (a codec that encodes through storage helpers) gets a new writer.
/// </summary>
internal static class ScratchWriters
{
    /// <summary>A writer grown past this by one large value is not kept.</summary>
    private const int KeptCapacity = 4096;

    [ThreadStatic]
    private static ScaleWriter? _cached;

    public static ScaleWriter Rent()
    {
        var writer = _cached ?? new ScaleWriter(128);
        _cached = null;
        writer.Clear();
        return writer;
    }

    public static void Return(ScaleWriter writer)
    {
        if (writer.Capacity <= KeptCapacity)
        {
            _cached = writer;
        }
    }

    /// <summary>What <paramref name="writer"/> holds, as its own array; the writer goes back to the thread.</summary>
    public static byte[] ToArrayAndReturn(ScaleWriter writer)
    {
        var bytes = writer.ToArray();
        Return(writer);
        return bytes;
    }
}
