import { useEffect, useRef } from 'react';

/** A <video> showing a MediaStream (srcObject cannot be set as an attribute). Muted for my own. */
export function StreamVideo({ stream, muted, className, label }: { stream: MediaStream | null; muted?: boolean; className?: string; label?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = ref.current;
    if (!v || v.srcObject === stream) return;
    v.srcObject = stream;
    if (stream) v.play().catch(() => {});
  }, [stream]);
  return <video ref={ref} className={className} autoPlay playsInline muted={muted} aria-label={label} />;
}
