using Bittensor.Primitives.Scale;

namespace Bittensor.Runtime.Storage;

/// <summary>How a storage key part or value is written to and read from SCALE.</summary>
public interface IScaleCodec<T>
{
    void Encode(ScaleWriter writer, T value);

    T Decode(ref ScaleReader reader);
}
