import Foundation

exit(FeeddCLI.main())
