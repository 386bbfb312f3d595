// Whether an image string parses as a reference (distribution/reference's grammar, as the
// kubelet's applyDefaultImageTag checks it before pulling). Invalid → waiting InvalidImageName.

const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}';
const REFERENCE = new RegExp(`^${NAME}(?::${TAG})?(?:@${DIGEST})?$`);

export function isValidImageReference(image: string): boolean {
  return image.length > 0 && image.length <= 255 + 130 && REFERENCE.test(image);
}

/** The waiting message the kubelet gives an unparsable image (images/image_manager.go). */
export function invalidImageMessage(image: string): string {
  return `Failed to apply default image tag "${image}": couldn't parse image name "${image}": invalid reference format`;
}
