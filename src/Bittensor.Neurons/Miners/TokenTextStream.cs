using System.Text;
using Bittensor.Models.Tokenization;

namespace Bittensor.Neurons.Miners;

/// <summary>
/// Turns generated token ids into text pieces as they come: a token's bytes may end inside a UTF-8 character, so the
/// bytes go through one decoder and each piece is what became complete.
/// </summary>
internal sealed class TokenTextStream(Gpt2Tokenizer tokenizer)
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private char[] _characters = new char[64];

    public string Add(int token)
    {
        var bytes = tokenizer.TokenBytes(token);
        if (_characters.Length < bytes.Length + 4)
        {
            _characters = new char[bytes.Length + 4];
        }

        var count = _decoder.GetChars(bytes, _characters, flush: false);
        return new string(_characters, 0, count);
    }

    public string Flush()
    {
        var count = _decoder.GetChars([], _characters, flush: true);
        return new string(_characters, 0, count);
    }
}
