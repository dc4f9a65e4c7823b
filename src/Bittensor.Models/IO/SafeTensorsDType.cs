namespace Bittensor.Models.IO;

/// <summary>The element types a safetensors header may name (its <c>dtype</c> strings, spelled as here).</summary>
public enum SafeTensorsDType
{
    BOOL,
    U8,
    I8,
    F8_E4M3,
    F8_E5M2,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    I64,
    U64,
    F64,
}
