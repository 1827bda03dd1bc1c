import type { ComponentProps } from 'react';
import { cn } from './cn';

const variants = {
  primary: 'bg-zinc-900 text-white hover:bg-zinc-700 border-transparent',
  secondary: 'bg-white text-zinc-800 hover:bg-zinc-50 border-zinc-300',
  danger: 'bg-red-600 text-white hover:bg-red-700 border-transparent',
  ghost: 'bg-transparent text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 border-transparent',
} as const;

const sizes = {
  sm: 'h-7 gap-1 px-2 text-xs',
  md: 'h-8 gap-1.5 px-3 text-sm',
  icon: 'size-6 justify-center p-0',
} as const;

export type ButtonStyle = { variant?: keyof typeof variants; size?: keyof typeof sizes };

/** Button classes, also for links that look like buttons. */
export function buttonClasses({ variant = 'secondary', size = 'md' }: ButtonStyle = {}): string {
  return cn(
    'inline-flex shrink-0 items-center rounded-md border font-medium whitespace-nowrap transition-colors',
    'focus-visible:ring-2 focus-visible:ring-zinc-400 focus-visible:outline-none',
    'disabled:pointer-events-none disabled:opacity-50',
    variants[variant],
    sizes[size],
  );
}

export function Button({
  variant,
  size,
  className,
  type = 'button',
  ...props
}: ComponentProps<'button'> & ButtonStyle) {
  return (
    <button type={type} className={cn(buttonClasses({ variant, size }), className)} {...props} />
  );
}
